using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Testing;

/// <summary>
/// Ready-made per-test route overrides (<see cref="RouteOverrides"/>) for building a misbehaving
/// iLO from the real emulator: a log of the requests it got, and answers rewritten on the way out.
/// </summary>
public static class OverrideKit
{
    /// <summary>
    /// Records every request (<c>METHOD /path?query</c>, as sent) of every iLO from now on; the
    /// emulator answers as usual. Overrides are tried newest first and only the first that matches
    /// runs: register this one last, so it sees every request (it never matches, it only looks).
    /// Dispose the registration to stop recording.
    /// </summary>
    public static IDisposable RecordRequests(this RouteOverrides overrides, out ConcurrentQueue<string> requests)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var log = new ConcurrentQueue<string>();
        requests = log;
        return overrides.Add(
            (context, _) =>
            {
                log.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
                return false;
            },
            (context, _, next) => next(context));
    }

    /// <summary>
    /// Records every session token the iLOs hand out from now on (the <c>X-Auth-Token</c> of each
    /// login's answer, also of a login whose answer a fault then loses: the fault kinds run inside
    /// overrides), so a leak search knows every secret it looks for. Register it before the
    /// overrides of a test that answer logins themselves (newest first: those would hide it).
    /// </summary>
    public static IDisposable RecordIssuedTokens(this RouteOverrides overrides, out ConcurrentQueue<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var log = new ConcurrentQueue<string>();
        tokens = log;
        return overrides.Add(
            (context, _) => HttpMethods.IsPost(context.Request.Method)
                && context.Request.Path.StartsWithSegments("/redfish/v1/SessionService/Sessions", StringComparison.OrdinalIgnoreCase),
            async (context, _, next) =>
            {
                try
                {
                    await next(context);
                }
                finally
                {
                    if (context.Response.Headers.TryGetValue("X-Auth-Token", out var token) && !string.IsNullOrEmpty(token))
                    {
                        log.Enqueue(token.ToString());
                    }
                }
            });
    }

    /// <summary>
    /// The emulator's JSON answer to <paramref name="method"/> <paramref name="path"/>, changed by
    /// <paramref name="rewrite"/> before it is sent (its <c>Content-Length</c> follows; the ETag is kept).
    /// </summary>
    public static IDisposable RewriteJson(this RouteOverrides overrides, int? iloIndex, string method, string path, Action<JsonObject> rewrite)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(rewrite);
        return overrides.Add(iloIndex, method, path, async (context, _, next) =>
        {
            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            var body = buffer.Length == 0 ? null : JsonNode.Parse(buffer.ToArray()) as JsonObject;
            if (body is null)
            {
                context.Response.ContentLength = buffer.Length;
                await original.WriteAsync(buffer.ToArray(), context.RequestAborted);
                return;
            }

            rewrite(body);
            var bytes = System.Text.Encoding.UTF8.GetBytes(body.ToJsonString());
            context.Response.ContentLength = bytes.Length;
            await original.WriteAsync(bytes, context.RequestAborted);
        });
    }

    /// <summary>Sets (or with null removes) a header of the emulator's answer to <paramref name="method"/> <paramref name="path"/>, just before it is sent.</summary>
    public static IDisposable RewriteHeader(this RouteOverrides overrides, int? iloIndex, string method, string path, string header, Func<string?, string?> rewrite)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(rewrite);
        return overrides.Add(iloIndex, method, path, (context, _, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var current = context.Response.Headers[header].ToString();
                var changed = rewrite(current.Length == 0 ? null : current);
                if (changed is null)
                {
                    context.Response.Headers.Remove(header);
                }
                else
                {
                    context.Response.Headers[header] = changed;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    /// <summary>Counts the requests matching <paramref name="matches"/> whose answer had status <paramref name="status"/> (e.g. logouts that succeeded).</summary>
    public static IDisposable CountAnswers(this RouteOverrides overrides, Func<HttpContext, bool> matches, int status, out Func<int> count)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(matches);
        var counter = new int[1];
        count = () => Volatile.Read(ref counter[0]);
        return overrides.Add(
            (context, _) => matches(context),
            async (context, _, next) =>
            {
                await next(context);
                if (context.Response.StatusCode == status)
                {
                    Interlocked.Increment(ref counter[0]);
                }
            });
    }

    /// <summary>
    /// Backup downloads (<c>/bkupdata/...</c>) send their first 1024 bytes, complete <paramref name="started"/>,
    /// then hold the rest until <paramref name="gate"/> completes (or the request is aborted).
    /// </summary>
    public static IDisposable StallDownloads(this RouteOverrides overrides, TaskCompletionSource started, Task gate)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return overrides.Add(
            (context, _) => context.Request.Path.StartsWithSegments("/bkupdata", StringComparison.OrdinalIgnoreCase),
            async (context, _, next) =>
            {
                var original = context.Response.Body;
                context.Response.Body = new GateStream(original, started, gate);
                try
                {
                    await next(context);
                }
                finally
                {
                    context.Response.Body = original;
                }
            });
    }

    /// <summary>Passes the first 1024 bytes on, signals, then holds the rest until the gate opens.</summary>
    private sealed class GateStream(Stream inner, TaskCompletionSource started, Task gate) : Stream
    {
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_written < 1024)
            {
                var first = (int)Math.Min(buffer.Length, 1024 - _written);
                await inner.WriteAsync(buffer[..first], cancellationToken);
                await inner.FlushAsync(cancellationToken);
                _written += first;
                buffer = buffer[first..];
                if (_written >= 1024)
                {
                    started.TrySetResult();
                    await gate.WaitAsync(cancellationToken);
                }
            }

            _written += buffer.Length;
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
