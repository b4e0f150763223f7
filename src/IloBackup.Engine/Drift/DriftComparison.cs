namespace IloBackup.Engine.Drift;

/// <summary>How a baseline's expected value is held against the value a backup's snapshot holds.</summary>
public enum DriftComparison
{
    /// <summary>One value, equal ignoring case (a time zone, a security state).</summary>
    Text,

    /// <summary>true or false.</summary>
    Flag,

    /// <summary>The same list in any order, ignoring case (NTP servers, DNS servers): one more or one less is a deviation.</summary>
    Set,

    /// <summary>Every expected item is present; others may be too (accounts that must exist).</summary>
    Includes,

    /// <summary>The actual text contains the expected one, ignoring case (<c>Advanced</c> matches <c>iLO Advanced</c>).</summary>
    Contains,
}
