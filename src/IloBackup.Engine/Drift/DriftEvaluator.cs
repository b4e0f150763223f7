using System.Globalization;
using IloBackup.Engine.Repository;

namespace IloBackup.Engine.Drift;

/// <summary>
/// Holds each server's newest good backup (<see cref="GoodBackup.IsCandidate"/>: succeeded, with a file, not suspect) against the
/// baselines of its tags, from the catalog alone (read-only; files are not re-hashed: verify does that). A server with no good
/// backup is reported as such, never as matching.
/// </summary>
public static class DriftEvaluator
{
    /// <summary>Reads the catalog (newest first) and evaluates; see <see cref="Evaluate"/>.</summary>
    public static async Task<DriftReport> EvaluateAsync(
        DriftBaselineFile baselines, IBackupCatalog catalog, Func<string, IReadOnlyList<string>> tagsOfHost, IReadOnlyList<string>? inventoryHosts,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var entries = await catalog.ListAsync(new BackupQuery(), cancellationToken).ConfigureAwait(false);
        return Evaluate(baselines, entries, tagsOfHost, inventoryHosts);
    }

    /// <param name="baselines">The baseline file.</param>
    /// <param name="newestFirst">Every catalog entry, newest first (the <c>same-as</c> backups are looked up among them).</param>
    /// <param name="tagsOfHost">A host's inventory tags (none without an inventory).</param>
    /// <param name="inventoryHosts">The inventory's hosts: one never backed up is listed too (without, only the catalog's servers are).</param>
    /// <exception cref="DriftBaselineException">A <c>same-as</c> names a backup that is not a good one with a snapshot.</exception>
    public static DriftReport Evaluate(
        DriftBaselineFile baselines, IReadOnlyList<BackupEntry> newestFirst, Func<string, IReadOnlyList<string>> tagsOfHost, IReadOnlyList<string>? inventoryHosts)
    {
        ArgumentNullException.ThrowIfNull(baselines);
        ArgumentNullException.ThrowIfNull(newestFirst);
        ArgumentNullException.ThrowIfNull(tagsOfHost);
        var resolved = ResolveAll(baselines, id => newestFirst.FirstOrDefault(e => e.Id == id));

        // Keyed as the dashboard keys servers: a host's failed attempts before its serial was known join that serial.
        var serialOfHost = newestFirst.Where(e => e.Identity.SerialNumber is not null)
            .GroupBy(e => e.Host, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Identity.SerialNumber!, StringComparer.OrdinalIgnoreCase);
        var servers = newestFirst
            .GroupBy(e => e.Identity.SerialNumber ?? serialOfHost.GetValueOrDefault(e.Host) ?? "host:" + e.Host, StringComparer.Ordinal)
            .Select(g => Server(g.Key, g.First().Host, g.FirstOrDefault(GoodBackup.IsCandidate), baselines, resolved, tagsOfHost))
            .ToList();
        var known = newestFirst.Select(e => e.Host).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var host in inventoryHosts ?? [])
        {
            if (known.Add(host))
            {
                servers.Add(Server("host:" + host, host, null, baselines, resolved, tagsOfHost));
            }
        }

        return Report(baselines, servers);
    }

    /// <summary>
    /// The same from the catalog's per-server aggregates (<see cref="CatalogFleet.Servers"/>: each server's newest good backup, no
    /// listing of every row) and the <c>same-as</c> backups looked up by id (<see cref="SameAsIds"/>): the dashboard's way.
    /// </summary>
    /// <exception cref="DriftBaselineException">A <c>same-as</c> names a backup that is not a good one with a snapshot.</exception>
    public static DriftReport EvaluateServers(
        DriftBaselineFile baselines, IReadOnlyList<CatalogFleetServer> servers, IReadOnlyDictionary<long, BackupEntry> sameAs,
        Func<string, IReadOnlyList<string>> tagsOfHost)
    {
        ArgumentNullException.ThrowIfNull(baselines);
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(sameAs);
        ArgumentNullException.ThrowIfNull(tagsOfHost);
        var resolved = ResolveAll(baselines, sameAs.GetValueOrDefault);
        return Report(baselines, [.. servers.Select(s => Server(s.Key, s.Host, s.LastGood, baselines, resolved, tagsOfHost))]);
    }

    /// <summary>The backups the baselines name with <c>same-as</c>.</summary>
    public static IReadOnlyList<long> SameAsIds(DriftBaselineFile baselines)
    {
        ArgumentNullException.ThrowIfNull(baselines);
        return [.. Baselines(baselines).Select(b => b.SameAs).OfType<long>().Distinct()];
    }

    private static IEnumerable<DriftBaseline> Baselines(DriftBaselineFile file) => file.Tags.Prepend(file.Default).OfType<DriftBaseline>();

    private static Dictionary<DriftBaseline, IReadOnlyDictionary<string, IReadOnlyList<string>>> ResolveAll(DriftBaselineFile baselines, Func<long, BackupEntry?> byId)
    {
        var resolved = new Dictionary<DriftBaseline, IReadOnlyDictionary<string, IReadOnlyList<string>>>();
        foreach (var baseline in Baselines(baselines))
        {
            resolved[baseline] = Resolve(baselines.Source, baseline, byId);
        }

        return resolved;
    }

    private static DriftReport Report(DriftBaselineFile baselines, List<ServerDrift> servers) => new()
    {
        Source = baselines.Source,
        Servers = [.. servers.OrderBy(s => s.Serial ?? s.Host, StringComparer.OrdinalIgnoreCase)],
    };

    private static ServerDrift Server(
        string key, string host, BackupEntry? good, DriftBaselineFile file,
        Dictionary<DriftBaseline, IReadOnlyDictionary<string, IReadOnlyList<string>>> resolved, Func<string, IReadOnlyList<string>> tagsOfHost)
    {
        var tags = tagsOfHost(host);
        var applies = file.For(tags);
        var server = new ServerDrift
        {
            Key = key, Serial = key.StartsWith("host:", StringComparison.Ordinal) ? null : key, Host = host, Tags = tags,
            Baselines = [.. applies.Select(b => b.Name)], Backup = good, Status = DriftStatus.NoBaseline,
        };
        if (applies.Count == 0)
        {
            return server;
        }

        if (good is null)
        {
            return server with { Status = DriftStatus.NoGoodBackup };
        }

        if (DriftSettingTable.Sections(good.Snapshot) is not { } sections)
        {
            return server with { Status = DriftStatus.NoSnapshot };
        }

        var deviations = new List<DriftDeviation>();
        foreach (var baseline in applies)
        {
            var expected = resolved[baseline];
            foreach (var setting in DriftSettingTable.All.Where(s => expected.ContainsKey(s.Name)))
            {
                if (Compare(setting, expected[setting.Name], setting.Read(sections)) is { } actual)
                {
                    deviations.Add(new DriftDeviation(baseline.Name, setting.Name, ExpectedText(setting, expected[setting.Name]), actual));
                }
            }
        }

        return server with { Status = deviations.Count == 0 ? DriftStatus.Matches : DriftStatus.Drifted, Deviations = deviations };
    }

    /// <summary>The values a baseline expects: those of its <c>same-as</c> backup, overridden by those written out.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Resolve(string source, DriftBaseline baseline, Func<long, BackupEntry?> byId)
    {
        if (baseline.SameAs is not { } id)
        {
            return baseline.Expected;
        }

        var reference = byId(id);
        var problem = reference is null ? "is not in the repository"
            : !reference.IsGood ? "is a failed attempt"
            : reference.Suspect ? "is marked suspect"
            : DriftSettingTable.Sections(reference.Snapshot) is null ? "has no readable snapshot (taken with --no-snapshot)"
            : null;
        if (problem is not null)
        {
            throw new DriftBaselineException(source, baseline.SameAsLine, string.Create(CultureInfo.InvariantCulture, $"baseline '{baseline.Name}': same-as backup {id} {problem}"));
        }

        var values = new Dictionary<string, IReadOnlyList<string>>(DriftSettingTable.ReadAll(DriftSettingTable.Sections(reference!.Snapshot)!), StringComparer.Ordinal);
        foreach (var (name, value) in baseline.Expected)
        {
            values[name] = value;
        }

        return values;
    }

    /// <summary>Null when the actual value meets the expected one; else the actual value in words.</summary>
    internal static string? Compare(DriftSetting setting, IReadOnlyList<string> expected, IReadOnlyList<string>? actual)
    {
        if (actual is null)
        {
            return "not in the backup";
        }

        var comparer = StringComparer.OrdinalIgnoreCase;
        var meets = setting.Comparison switch
        {
            DriftComparison.Set => expected.ToHashSet(comparer).SetEquals(actual),
            DriftComparison.Includes => expected.All(e => actual.Contains(e, comparer)),
            DriftComparison.Contains => actual.Count == 1 && actual[0].Contains(expected[0], StringComparison.OrdinalIgnoreCase),
            _ => actual.Count == 1 && comparer.Equals(actual[0], expected[0]),
        };
        if (meets)
        {
            return null;
        }

        if (setting.Comparison == DriftComparison.Includes)
        {
            return $"missing {DriftSettingTable.Join([.. expected.Where(e => !actual.Contains(e, comparer))])} (has {DriftSettingTable.Join(actual)})";
        }

        return DriftSettingTable.Join(actual);
    }

    private static string ExpectedText(DriftSetting setting, IReadOnlyList<string> expected) =>
        setting.Comparison == DriftComparison.Includes ? "includes " + DriftSettingTable.Join(expected)
        : setting.Comparison == DriftComparison.Contains ? "contains " + expected[0]
        : DriftSettingTable.Join(expected);
}
