namespace IloBackup.Redfish.Credentials;

/// <summary>Supplies the credential for an endpoint when the client logs in (asked at each login, never cached by the client).</summary>
public interface IRedfishCredentialProvider
{
    ValueTask<RedfishCredential> GetCredentialAsync(RedfishEndpoint endpoint, CancellationToken cancellationToken);
}
