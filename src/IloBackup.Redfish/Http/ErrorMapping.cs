using System.Net;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Json;
using IloBackup.Redfish.Tls;

namespace IloBackup.Redfish.Http;

/// <summary>Turns failed exchanges into the client's exception family, with messages safe to print.</summary>
internal static class ErrorMapping
{
    private const int MaxErrorBody = 64 * 1024;

    /// <summary>
    /// The exception for a failed answer. <paramref name="servedTexts"/>, when given, finds the
    /// iLO's own texts of the message ids an error body names without text (it never throws).
    /// </summary>
    public static async Task<RedfishException> FromResponseAsync(
        string what, HttpResponseMessage response, TimeProvider time, TimeSpan maxRetryAfter,
        Func<IEnumerable<string>, Task<IReadOnlyDictionary<string, string>?>>? servedTexts, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var (messages, plain) = await ReadBodyAsync(response, servedTexts, cancellationToken).ConfigureAwait(false);
        var retryAfter = RetryAfter(response, time, maxRetryAfter);
        var detail = messages.Count > 0
            ? ": " + string.Join("; ", messages.Select(m => m.ToString()))
            : plain is null ? string.Empty : $": {plain}";
        var statusText = $"HTTP {(int)status} {response.ReasonPhrase ?? status.ToString()}";
        var transient = status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests
            or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;
        return status switch
        {
            HttpStatusCode.Unauthorized => new RedfishAuthenticationException(
                $"{what}: {statusText}: not authenticated (wrong user name or password, or the session has ended){detail}")
            {
                StatusCode = status, ExtendedInfo = messages, PlainBody = plain,
            },
            HttpStatusCode.Forbidden => new RedfishPrivilegeException(
                $"{what}: {statusText}: the account lacks a privilege this needs{detail}")
            {
                StatusCode = status, ExtendedInfo = messages, PlainBody = plain,
            },
            _ => new RedfishHttpException($"{what}: {statusText}{detail}")
            {
                StatusCode = status, ExtendedInfo = messages, PlainBody = plain, IsTransient = transient, RetryAfter = retryAfter,
            },
        };
    }

    public static RedfishException FromHttpRequestException(string what, HttpRequestException exception, CertificateTrust? trust)
    {
        switch (exception.HttpRequestError)
        {
            case HttpRequestError.NameResolutionError:
                return new RedfishUnreachableException($"{what}: cannot resolve the host name", exception);
            case HttpRequestError.ConnectionError:
                return new RedfishUnreachableException($"{what}: cannot connect ({Innermost(exception)})", exception)
                {
                    IsTransient = true, ConnectFailed = true,
                };
            case HttpRequestError.SecureConnectionError when exception.InnerException is not AuthenticationException:
                // The connection closed during the handshake (a resetting iLO refuses connections): not a trust problem.
                return new RedfishUnreachableException($"{what}: the connection dropped during the TLS handshake ({Innermost(exception)})", exception)
                {
                    IsTransient = true,
                };
            case HttpRequestError.SecureConnectionError:
                return Tls(what, exception, trust);
            case HttpRequestError.ResponseEnded:
            case HttpRequestError.InvalidResponse:
            case HttpRequestError.HttpProtocolError:
                return new RedfishUnreachableException($"{what}: the connection dropped or the answer was malformed ({Innermost(exception)})", exception)
                {
                    IsTransient = true,
                };
            default:
                return exception.InnerException is AuthenticationException
                    ? Tls(what, exception, trust)
                    : new RedfishUnreachableException($"{what}: {Innermost(exception)}", exception) { IsTransient = true };
        }
    }

    /// <summary>
    /// A socket error that reached us unwrapped (not as an <see cref="HttpRequestException"/>).
    /// SocketsHttpHandler lets one escape when the peer resets a connection the moment it is
    /// accepted, as a resetting iLO does: reading the socket's remote end point right after the
    /// connect throws ENOTCONN ("Transport endpoint is not connected"). The iLO is away: transient.
    /// Only errors that prove nothing left this host (not connected, refused, no route) mark the
    /// request as not sent; anything else may have reached the iLO (a restore upload whose answer
    /// was lost: the caller reports the outcome as unknown and never sends it again).
    /// </summary>
    public static RedfishException FromSocketError(string what, Exception exception)
    {
        var socket = exception as System.Net.Sockets.SocketException ?? exception.InnerException as System.Net.Sockets.SocketException;
        var notSent = socket?.SocketErrorCode is System.Net.Sockets.SocketError.NotConnected or System.Net.Sockets.SocketError.ConnectionRefused
            or System.Net.Sockets.SocketError.HostUnreachable or System.Net.Sockets.SocketError.NetworkUnreachable;
        return new RedfishUnreachableException($"{what}: the connection failed ({Innermost(exception)})", exception)
        {
            IsTransient = true, ConnectFailed = notSent,
        };
    }

    public static RedfishException Dropped(string what, Exception exception) =>
        new RedfishUnreachableException($"{what}: the connection dropped while reading the answer ({Innermost(exception)})", exception)
        {
            IsTransient = true,
        };

    public static RedfishTimeoutException Timeout(string what, TimeSpan timeout, Exception inner) =>
        new($"{what}: no answer within {timeout.TotalSeconds:0.#} s", inner) { IsTransient = true };

    private static RedfishTlsException Tls(string what, Exception exception, CertificateTrust? trust)
    {
        var refusal = trust?.LastRefusal;
        var message = refusal?.Reason switch
        {
            TlsRejection.FingerprintChanged =>
                $"{what}: CERTIFICATE CHANGED: the iLO presented {refusal.Presented} but {refusal.Expected} is pinned"
                + (refusal.Pin is { } pinned ? $" in {pinned.Where}. " : ". ")
                + "This may be a man-in-the-middle attack, or the iLO's certificate or system board was replaced. "
                + "Refusing to connect. If the change is expected, check the new fingerprint on the iLO itself, then "
                + (refusal.Pin?.Update ?? "update the pin") + ".",
            TlsRejection.UnknownCertificate =>
                $"{what}: the certificate is not trusted and not pinned (fingerprint {refusal.Presented}). "
                + "Check the fingerprint on the iLO, then pin it with --trust-new, or trust a CA with --ca-file.",
            TlsRejection.NotTrustedByCa =>
                $"{what}: the certificate (fingerprint {refusal.Presented}) is not issued by the given CA or names another host",
            _ => $"{what}: TLS handshake failed ({Innermost(exception)})",
        };
        return new RedfishTlsException(message, exception)
        {
            Reason = refusal?.Reason ?? TlsRejection.HandshakeFailed,
            PresentedFingerprint = refusal?.Presented,
            ExpectedFingerprint = refusal?.Expected,
            PinnedIn = refusal?.Pin?.Where,
        };
    }

    private static string Innermost(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e.Message;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time, TimeSpan max)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan? delay = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        if (delay is null)
        {
            return null;
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > max ? max : delay;
    }

    private static async Task<(IReadOnlyList<RedfishMessage> Messages, string? Plain)> ReadBodyAsync(
        HttpResponseMessage response, Func<IEnumerable<string>, Task<IReadOnlyDictionary<string, string>?>>? servedTexts,
        CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await ReadLimitedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return ([], null);
        }

        if (bytes.Length == 0)
        {
            return ([], null);
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
        if (mediaType.Contains("json", StringComparison.OrdinalIgnoreCase) || bytes[0] == (byte)'{')
        {
            JsonNode? node = null;
            IReadOnlyList<RedfishMessage> messages = [];
            try
            {
                node = JsonNode.Parse(bytes);
                messages = RedfishJson.ExtendedInfo(node);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // Not JSON after all: fall through to the plain-text form.
                node = null;
            }

            if (node is not null)
            {
                // iLO sends ids without texts: give each a readable one, the iLO's own where it can
                // be read, else the client's (Errors/MessageTexts, Errors/ServedRegistries).
                var terse = messages.Where(m => m.Message is null).Select(m => m.MessageId).ToList();
                var served = terse.Count > 0 && servedTexts is not null ? await servedTexts(terse).ConfigureAwait(false) : null;
                return (MessageTexts.Fill(messages, node, served), null);
            }
        }

        var text = Encoding.UTF8.GetString(bytes).Trim();
        var firstLine = text.Split('\n', 2)[0].Trim();
        var printable = new string(UntrustedText.Clean(firstLine)!.Take(200).ToArray());
        return ([], printable.Length == 0 ? null : printable);
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while (buffer.Length < MaxErrorBody && (read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }
}
