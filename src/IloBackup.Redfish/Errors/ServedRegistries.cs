using System.Collections.Concurrent;
using IloBackup.Redfish.Logging;
using Microsoft.Extensions.Logging;

namespace IloBackup.Redfish.Errors;

/// <summary>
/// The message texts an iLO serves in its own registries, looked up when an error entry names a
/// <c>MessageId</c> without a text (docs/client.md, "Message registries"). One per client: each
/// registry is read at most once (<see cref="RegistryReader"/>), and a failure is kept as well, so a
/// fleet run or a polling loop never reads it again; at most <see cref="MaxRegistries"/> registries
/// per client. A lookup never throws: whatever fails, the caller falls back to the built-in texts.
/// </summary>
internal sealed class ServedRegistries(RegistryReader reader, string host, TimeSpan timeout, TimeProvider time, ILogger logger)
{
    /// <summary>Registries read per client (iLO errors come from Base and iLO's own).</summary>
    public const int MaxRegistries = 4;

    private readonly ConcurrentDictionary<string, Lazy<Task<Dictionary<string, string>?>>> _cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The served texts of the registries <paramref name="messageIds"/> name, keyed like
    /// <see cref="MessageTexts"/> (<c>Prefix.Key</c>), or null when none could be read.
    /// <paramref name="token"/> is the session of the failing request (the lookup is sent with it and
    /// only to this iLO). A read has its own budget, the request timeout, and ends when its
    /// <paramref name="caller"/> cancels (then it is not kept); a caller that cancels gets null at once.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>?> LookupAsync(
        IEnumerable<string> messageIds, string token, CancellationToken caller)
    {
        Dictionary<string, string>? found = null;
        foreach (var name in messageIds.Select(MessageTexts.RegistryName).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxRegistries))
        {
            var texts = await ReadOnceAsync(name, token, caller).ConfigureAwait(false);
            if (texts is not null)
            {
                found ??= new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (key, text) in texts)
                {
                    found.TryAdd(key, text);
                }
            }
        }

        return found;
    }

    private async Task<Dictionary<string, string>?> ReadOnceAsync(string name, string token, CancellationToken caller)
    {
        if (!_cache.TryGetValue(name, out var entry))
        {
            if (_cache.Count >= MaxRegistries)
            {
                return null;
            }

            entry = _cache.GetOrAdd(name, n => new Lazy<Task<Dictionary<string, string>?>>(() => ReadAsync(n, token, caller)));
        }

        try
        {
            return await entry.Value.WaitAsync(caller).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private async Task<Dictionary<string, string>?> ReadAsync(string name, string token, CancellationToken caller)
    {
        // Its own token sources, not the failing request's: that request may end (and dispose
        // its sources) while this read, shared with other errors, goes on.
        using var deadline = new CancellationTokenSource(timeout, time);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(caller, deadline.Token);
        try
        {
            var texts = await reader.ReadAsync(name, token, budget.Token).ConfigureAwait(false);
            RedfishLog.RegistryRead(logger, host, name, texts.Count);
            return texts;
        }
        catch (OperationCanceledException) when (caller.IsCancellationRequested)
        {
            // The caller gave up, the iLO did not fail: a later error may look again.
            _cache.TryRemove(name, out _);
            return null;
        }
        catch (Exception e)
        {
            // Anything the iLO's answers make go wrong (HTTP, I/O, JSON, a refused link, a timeout)
            // only means its texts are not used: the error being reported must stay that error.
            RedfishLog.RegistryUnavailable(logger, host, name, e is OperationCanceledException ? "no answer within the request's timeout" : e.Message);
            return null;
        }
    }
}
