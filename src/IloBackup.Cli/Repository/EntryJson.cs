using System.Text;
using System.Text.Json;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Snapshots;

namespace IloBackup.Cli.Repository;

/// <summary>The JSON shape of a catalog entry (written by hand: no reflection, AOT-friendly).</summary>
internal static class EntryJson
{
    public static void Write(Utf8JsonWriter w, BackupEntry e, bool withSnapshot)
    {
        w.WriteStartObject();
        w.WriteNumber("id", e.Id);
        w.WriteString("outcome", e.Outcome == BackupOutcome.Succeeded ? "succeeded" : "failed");
        w.WriteString("takenAt", e.TakenAt.ToUniversalTime());
        w.WriteString("host", e.Host);
        Text(w, "serialNumber", e.Identity.SerialNumber);
        Text(w, "productName", e.Identity.ProductName);
        Text(w, "productId", e.Identity.ProductId);
        Text(w, "generation", e.Identity.IloGeneration);
        Text(w, "firmwareVersion", e.Identity.FirmwareVersion);
        Text(w, "fileName", e.FileName);
        Text(w, "sha256", e.Sha256);
        if (e.Size is { } size)
        {
            w.WriteNumber("sizeBytes", size);
        }
        else
        {
            w.WriteNull("sizeBytes");
        }

        w.WriteBoolean("passwordProtected", e.PasswordProtected);
        Text(w, "runner", e.Runner);
        Text(w, "runId", e.RunId);
        w.WriteBoolean("suspect", e.Suspect);
        Text(w, "suspectReason", e.Suspect ? e.SuspectReason ?? "marked suspect" : null);
        if (e.SnapshotUnchanged is { } unchanged)
        {
            w.WriteBoolean("snapshotUnchanged", unchanged);
        }
        else
        {
            w.WriteNull("snapshotUnchanged");
        }

        Text(w, "failureReason", e.FailureReason);
        if (withSnapshot)
        {
            w.WritePropertyName("snapshot");
            if (e.Snapshot is null)
            {
                w.WriteNullValue();
            }
            else
            {
                try
                {
                    // The catalog text "null" parses to no node: written as JSON null, not a crash.
                    if (SnapshotText.Parse(e.Snapshot) is { } snapshot)
                    {
                        snapshot.WriteTo(w);
                    }
                    else
                    {
                        w.WriteNullValue();
                    }
                }
                catch (JsonException)
                {
                    w.WriteStringValue(e.Snapshot);
                }
            }
        }

        w.WriteEndObject();
    }

    /// <summary>Renders a JSON document built by <paramref name="build"/> as indented text.</summary>
    public static string Render(Action<Utf8JsonWriter> build)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = Output.CliOutput.Encoder }))
        {
            build(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
