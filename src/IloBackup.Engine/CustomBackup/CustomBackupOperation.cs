using System.Text.Json.Nodes;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Logging;
using IloBackup.Redfish;
using IloBackup.Redfish.Discovery;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Json;
using IloBackup.Redfish.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Engine.CustomBackup;

/// <summary>Reads and sets <c>CustomBackupandRestore</c>, explaining firmware and security-state refusals (§6).</summary>
public sealed class CustomBackupOperation(RedfishClient client, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task<CustomBackupStatus> GetAsync(CancellationToken cancellationToken)
    {
        var session = await client.LoginAsync(cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            return (await ReadAsync(session, cancellationToken).ConfigureAwait(false)).Status;
        }
    }

    /// <summary>Sets the flag and returns the state read back afterwards.</summary>
    public async Task<CustomBackupStatus> SetAsync(bool enabled, CancellationToken cancellationToken)
    {
        var session = await client.LoginAsync(cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            var (status, servicePath) = await ReadAsync(session, cancellationToken).ConfigureAwait(false);
            if (!status.Supported)
            {
                throw new CustomBackupUnavailableException($"{client.Endpoint}: {status.Explanation}");
            }

            if (status.BlockedBySecurityState && enabled)
            {
                throw new CustomBackupUnavailableException(
                    $"{client.Endpoint}: {CustomBackupRules.SecurityStateExplanation}; this iLO is in {status.SecurityState}");
            }

            try
            {
                await session.PatchAsync(servicePath, new JsonObject { ["CustomBackupandRestore"] = enabled }, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (RedfishHttpException e) when (e.StatusCode is System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.Conflict)
            {
                throw new CustomBackupUnavailableException(
                    $"{client.Endpoint}: the iLO refused to change CustomBackupandRestore ({e.Message}). "
                    + $"{CustomBackupRules.SecurityStateExplanation}; security state: {status.SecurityState ?? "unknown"}", e);
            }

            EngineLog.CustomBackupSet(_logger, client.Endpoint.ToString(), enabled);
            return (await ReadAsync(session, cancellationToken).ConfigureAwait(false)).Status;
        }
    }

    private async Task<(CustomBackupStatus Status, string ServicePath)> ReadAsync(RedfishSession session, CancellationToken cancellationToken)
    {
        var identity = await IloIdentityReader.ReadAsync(session, cancellationToken).ConfigureAwait(false);
        var servicePath = await IloDiscovery.FindBackupRestoreServiceAsync(session, cancellationToken).ConfigureAwait(false);
        var service = await IloDiscovery.GetBackupRestoreServiceAsync(session, servicePath, client.Options.BackupCreationTimeout, cancellationToken)
            .ConfigureAwait(false);
        var securityState = await ReadSecurityStateAsync(session, cancellationToken).ConfigureAwait(false);
        var notes = new List<string>();
        string? explanation = null;
        var supported = service.CustomBackupandRestore is not null;
        if (!supported)
        {
            explanation = CustomBackupRules.FirmwareExplanation(identity)
                ?? $"this iLO ({identity.IloGeneration} {identity.FirmwareVersion}) does not offer CustomBackupandRestore";
        }
        else if (CustomBackupRules.IsBlockingSecurityState(securityState))
        {
            explanation = $"{CustomBackupRules.SecurityStateExplanation}; this iLO is in {securityState}";
        }

        if (CustomBackupRules.CoverageNote(identity) is { } note)
        {
            notes.Add(note);
        }

        return (new CustomBackupStatus(identity, supported, service.CustomBackupandRestore, securityState, explanation, notes), servicePath);
    }

    private static async Task<string?> ReadSecurityStateAsync(RedfishSession session, CancellationToken cancellationToken)
    {
        try
        {
            var manager = await session.GetAsync(await IloDiscovery.FindManagerAsync(session, cancellationToken).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
            var path = RedfishJson.Link(manager, "Oem", "Hpe", "Links", "SecurityService");
            return path is null ? null : UntrustedText.Clean(RedfishJson.String(await session.GetAsync(path, cancellationToken).ConfigureAwait(false), "SecurityState"));
        }
        catch (RedfishHttpException e) when (e is not RedfishAuthenticationException)
        {
            return null;
        }
    }
}
