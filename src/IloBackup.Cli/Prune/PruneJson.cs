using IloBackup.Cli.Repository;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Prune;

/// <summary>The JSON form of a prune report (written by hand: AOT-friendly).</summary>
internal static class PruneJson
{
    public static string Render(PruneReport report) => EntryJson.Render(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("dryRun", report.DryRun);
        w.WriteNumber("kept", report.KeptEntries);
        w.WriteNumber("objectsRemoved", report.RemovedObjects);
        w.WriteNumber("bytesFreed", report.FreedBytes);
        w.WriteStartArray("removed");
        foreach (var e in report.RemovedEntries)
        {
            EntryJson.Write(w, e, withSnapshot: false);
        }

        w.WriteEndArray();
        w.WriteStartArray("orphansRemoved");
        foreach (var orphan in report.OrphansRemoved)
        {
            w.WriteStartObject();
            w.WriteString("sha256", orphan.Sha256);
            w.WriteNumber("sizeBytes", orphan.Size);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("orphansSpared", report.OrphansSpared);
        w.WriteStartArray("problems");
        foreach (var problem in report.Problems)
        {
            w.WriteStartObject();
            w.WriteString("serialNumber", problem.Server);
            w.WriteBoolean("nothingGoodLeft", problem.NothingGoodLeft);
            w.WriteStartArray("notGood");
            foreach (var (id, verdict) in problem.NotGood)
            {
                w.WriteStartObject();
                w.WriteNumber("id", id);
                w.WriteString("why", GoodBackup.Describe(verdict));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });
}
