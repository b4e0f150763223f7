using System.Collections.Concurrent;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.Redfish;

/// <summary>
/// The rendered answers (bytes, ETag, describedby link) of one iLO's cacheable GET routes
/// (<see cref="RedfishRoute.Cacheable"/>), by request path. An answer is reused only while the
/// iLO's <see cref="VirtualIlo.Version"/> and the second of its clock are those it was rendered
/// at: every change of the model bumps the version, and the clock is shown to the second, so a
/// PATCH, restore, reset or scenario shows in the very next GET. Requests with query options
/// (<c>$select</c>, <c>$expand</c>, <c>only</c>) never use it. Bytes are kept only from the second
/// request for the same path and stamp on: a path asked once (a fleet run reads each resource of
/// each of its thousand iLOs once) costs a stamp, not a copy of the answer.
/// </summary>
internal sealed class RenderedAnswerCache
{
    /// <summary>More paths than this (case variants, many ids) empty the cache rather than grow it.</summary>
    public const int MaxEntries = 256;

    private readonly ConcurrentDictionary<string, Entry> _answers = new(StringComparer.Ordinal);

    /// <summary>Paths whose rendered bytes are kept (for tests and diagnostics).</summary>
    public int KeptAnswers => _answers.Values.Count(e => e.Answer is not null);

    public static RenderedAnswerCache Of(VirtualIlo ilo) => ilo.GetFeature(static _ => new RenderedAnswerCache());

    /// <summary>What the answers depend on, read before rendering: the model's version, then the clock's second.</summary>
    public static AnswerStamp StampOf(VirtualIlo ilo)
    {
        var version = ilo.Version;
        return new AnswerStamp(version, ilo.Clock.ToUnixTimeSeconds());
    }

    public bool TryGet(string path, AnswerStamp stamp, out RenderedAnswer? answer)
    {
        answer = _answers.TryGetValue(path, out var entry) && entry.Stamp == stamp ? entry.Answer : null;
        return answer is not null;
    }

    /// <summary>Records a freshly rendered answer: its bytes when the path was already asked at this stamp, else only the stamp.</summary>
    public void Store(string path, RenderedAnswer answer)
    {
        if (_answers.Count >= MaxEntries && !_answers.ContainsKey(path))
        {
            _answers.Clear();
        }

        var askedBefore = _answers.TryGetValue(path, out var known) && known.Stamp == answer.Stamp;
        _answers[path] = new Entry(answer.Stamp, askedBefore ? answer : null);
    }

    private sealed record Entry(AnswerStamp Stamp, RenderedAnswer? Answer);
}

/// <summary>The iLO's model version and clock second an answer was rendered at.</summary>
internal readonly record struct AnswerStamp(long Version, long Second);

/// <summary>A rendered 200 answer: the body as sent, its ETag and its describedby <c>Link</c> (or null).</summary>
internal sealed record RenderedAnswer(AnswerStamp Stamp, byte[] Body, string ETag, string? Link);
