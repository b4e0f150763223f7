using System.Net;
using System.Net.Sockets;

namespace IloBackup.Cli.Tests.Settings;

/// <summary>
/// An address that takes TCP connections but never answers or accepts them: a verb that connected
/// leaves a pending connection behind, so <see cref="WasContacted"/> proves whether any was attempted.
/// </summary>
internal sealed class NoListenerIlo : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);

    public NoListenerIlo() => listener.Start();

    public string Host => $"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    public bool WasContacted => listener.Pending();

    /// <summary>Waits for the connection a verb makes once its settings are valid.</summary>
    public async Task<TcpClient> AcceptAsync(CancellationToken cancellationToken) =>
        await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);

    public void Dispose() => listener.Dispose();
}
