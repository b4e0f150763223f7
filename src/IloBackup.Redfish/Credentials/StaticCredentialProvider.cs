namespace IloBackup.Redfish.Credentials;

/// <summary>Always the same credential.</summary>
public sealed class StaticCredentialProvider(RedfishCredential credential) : IRedfishCredentialProvider
{
    public ValueTask<RedfishCredential> GetCredentialAsync(RedfishEndpoint endpoint, CancellationToken cancellationToken) =>
        ValueTask.FromResult(credential);
}
