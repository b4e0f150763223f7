using IloBackup.Emulator.Ilo;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Hosting;

/// <summary>
/// Per-test route overrides: a test makes one iLO (or all) answer a request its own way, to build a
/// misbehaving or hostile iLO from the real emulator. An override sees the request after the iLO is
/// chosen and the common headers are set, before fault injection and the Redfish routes. It may
/// answer by itself, or call <c>next</c> to get the emulator's own answer and change it (swap
/// <see cref="HttpResponse.Body"/> first to rewrite a body). Overrides are tried newest first; the
/// first whose predicate matches runs. Thread-safe; add and remove them while the fleet runs.
/// </summary>
public sealed class RouteOverrides
{
    private readonly Lock _gate = new();
    private Entry[] _entries = [];

    /// <summary>A request handler with the emulator's own answer as <c>next</c>.</summary>
    public delegate Task Handler(HttpContext context, VirtualIlo ilo, RequestDelegate next);

    /// <summary>True when no override is registered (the fast path).</summary>
    public bool IsEmpty => Volatile.Read(ref _entries).Length == 0;

    /// <summary>Adds an override; dispose the result to remove it.</summary>
    public IDisposable Add(Func<HttpContext, VirtualIlo, bool> matches, Handler handler)
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(handler);
        var entry = new Entry(matches, handler);
        lock (_gate)
        {
            _entries = [entry, .. _entries];
        }

        return new Removal(this, entry);
    }

    /// <summary>
    /// Adds an override for one method and path (compared without case and without a trailing
    /// slash; the query is ignored) on iLO <paramref name="iloIndex"/>, or on every iLO when null.
    /// </summary>
    public IDisposable Add(int? iloIndex, string method, string path, Handler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var wanted = path.TrimEnd('/');
        return Add(
            (context, ilo) => (iloIndex is null || ilo.Index == iloIndex)
                && HttpMethods.Equals(context.Request.Method, method)
                && string.Equals(context.Request.Path.Value?.TrimEnd('/'), wanted, StringComparison.OrdinalIgnoreCase),
            handler);
    }

    /// <summary>Removes every override.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries = [];
        }
    }

    internal Task InvokeAsync(HttpContext context, VirtualIlo ilo, RequestDelegate next)
    {
        foreach (var entry in Volatile.Read(ref _entries))
        {
            if (entry.Matches(context, ilo))
            {
                return entry.Handler(context, ilo, next);
            }
        }

        return next(context);
    }

    private void Remove(Entry entry)
    {
        lock (_gate)
        {
            _entries = [.. _entries.Where(e => !ReferenceEquals(e, entry))];
        }
    }

    private sealed record Entry(Func<HttpContext, VirtualIlo, bool> Matches, Handler Handler);

    private sealed class Removal(RouteOverrides owner, Entry entry) : IDisposable
    {
        public void Dispose() => owner.Remove(entry);
    }
}
