namespace IloBackup.Engine.Drift;

/// <summary>One setting of a server that differs from a baseline: what, expected, actual (in words, for tables and JSON).</summary>
public sealed record DriftDeviation(string Baseline, string Setting, string Expected, string Actual);
