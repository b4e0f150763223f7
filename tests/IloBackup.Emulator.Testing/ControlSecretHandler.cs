using System.Net.Http.Headers;

namespace IloBackup.Emulator.Testing;

/// <summary>Adds <c>Authorization: Bearer &lt;control secret&gt;</c> to requests that carry no credential of their own.</summary>
internal sealed class ControlSecretHandler(string secret) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", secret);
        return base.SendAsync(request, cancellationToken);
    }
}
