using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.Faults;

/// <summary>
/// The faults of one iLO and their counters: which are set, how often each hit, and the iLO's own
/// seeded random numbers (seed of the profile and the iLO's index), so a run repeats exactly.
/// </summary>
public sealed class IloFaults
{
    private readonly Lock _gate = new();
    private FaultSpec[] _specs = [];
    private int[] _hits = [];
    private Random _random = new(0);

    /// <summary>This iLO's fault state (created empty on first use).</summary>
    public static IloFaults Of(VirtualIlo ilo)
    {
        ArgumentNullException.ThrowIfNull(ilo);
        return ilo.GetFeature(static i => new IloFaults { Index = i.Index });
    }

    public int Index { get; private init; }

    /// <summary>True when at least one fault is set (the fast path skips everything otherwise).</summary>
    public bool Any => Volatile.Read(ref _specs).Length > 0;

    public IReadOnlyList<FaultSpec> Specs => Volatile.Read(ref _specs);

    /// <summary>Replaces the faults (an empty list heals the iLO) and restarts its random numbers from <paramref name="seed"/>.</summary>
    public void Set(IReadOnlyList<FaultSpec> specs, int seed)
    {
        ArgumentNullException.ThrowIfNull(specs);
        foreach (var spec in specs)
        {
            spec.Validate();
        }

        lock (_gate)
        {
            _random = new Random(unchecked((seed * 1_000_003) + Index));
            _hits = new int[specs.Count];
            Volatile.Write(ref _specs, [.. specs]);
        }
    }

    /// <summary>How many times each fault hit so far, in the order of <see cref="Specs"/>.</summary>
    public IReadOnlyList<int> Hits
    {
        get
        {
            lock (_gate)
            {
                return [.. _hits];
            }
        }
    }

    /// <summary>Total hits of every fault of this iLO.</summary>
    public int TotalHits
    {
        get
        {
            lock (_gate)
            {
                return _hits.Sum();
            }
        }
    }

    /// <summary>The fault of <paramref name="kind"/> if it hits this request (counted), else null.</summary>
    public FaultSpec? Hit(FaultKind kind) => Hit(kind, static _ => true);

    /// <summary>The fault of <paramref name="kind"/> that <paramref name="applies"/> here, if it hits this request (counted), else null.</summary>
    public FaultSpec? Hit(FaultKind kind, Func<FaultSpec, bool> applies)
    {
        ArgumentNullException.ThrowIfNull(applies);
        lock (_gate)
        {
            for (var i = 0; i < _specs.Length; i++)
            {
                var spec = _specs[i];
                if (spec.Kind != kind || (spec.EffectiveTimes is { } max && _hits[i] >= max) || !applies(spec))
                {
                    continue;
                }

                if (spec.Rate >= 1 || _random.NextDouble() < spec.Rate)
                {
                    _hits[i]++;
                    return spec;
                }
            }

            return null;
        }
    }
}
