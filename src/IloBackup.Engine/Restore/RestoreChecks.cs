using IloBackup.Engine.Identity;
using IloBackup.Engine.Metadata;

namespace IloBackup.Engine.Restore;

/// <summary>The pre-flight rules: is this file for this server, and can it be restored at all?</summary>
internal static class RestoreChecks
{
    public static (IReadOnlyList<RestoreProblem> Problems, IReadOnlyList<string> Notes) Check(
        BackupFileInfo file, IloIdentity target, RestoreRequest request)
    {
        var problems = new List<RestoreProblem>();
        var notes = new List<string>();
        var metadata = file.Metadata;
        if (file.SizeBytes == 0)
        {
            problems.Add(new RestoreProblem("the file is empty", CanForce: false));
        }

        if (!file.MatchesMetadata)
        {
            problems.Add(new RestoreProblem(
                $"the file does not match its metadata (size or SHA-256 differ): it was changed or damaged since the backup", CanForce: false));
        }

        if (metadata?.PasswordProtected == true && request.FilePassword is null)
        {
            problems.Add(new RestoreProblem("the file is password-protected: give the file password it was made with", CanForce: false));
        }

        switch (file.Knowledge)
        {
            case BackupFileKnowledge.Nothing:
                problems.Add(new RestoreProblem(
                    "nothing is known about this file (no metadata beside it, and not named HPE_<serial>_...): it cannot be checked against the server",
                    CanForce: true));
                break;
            case BackupFileKnowledge.FileName:
                notes.Add("no metadata beside the file: only the serial number in its name can be checked");
                break;
            default:
                break;
        }

        if (file.SerialNumber is not null && target.SerialNumber is not null
            && !string.Equals(file.SerialNumber, target.SerialNumber, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new RestoreProblem(
                $"the file is from server {file.SerialNumber} but this iLO manages server {target.SerialNumber}", CanForce: true));
        }
        else if (target.SerialNumber is null)
        {
            notes.Add("the iLO reports no serial number: the file could not be matched to the server");
        }

        if (metadata is not null)
        {
            CheckProduct(metadata, target, problems);
            if (metadata.Snapshot is null)
            {
                notes.Add("no snapshot was taken with this backup: only the server identity will be verified afterwards");
            }
        }

        return (problems, notes);
    }

    public static bool SameServer(IloIdentity before, IloIdentity after) =>
        Same(before.SerialNumber, after.SerialNumber) && Same(before.ProductId, after.ProductId) && Same(before.ProductName, after.ProductName);

    private static void CheckProduct(BackupMetadata metadata, IloIdentity target, List<RestoreProblem> problems)
    {
        var productDiffers = metadata.Identity.ProductId is not null && target.ProductId is not null
            ? !Same(metadata.Identity.ProductId, target.ProductId)
            : !Same(metadata.Identity.ProductName, target.ProductName);
        if (productDiffers)
        {
            problems.Add(new RestoreProblem(
                $"the file is from a {metadata.Identity.ProductName} ({metadata.Identity.ProductId}) but this is a {target.ProductName} ({target.ProductId})",
                CanForce: true));
        }

        var fileGeneration = IloIdentityReader.GenerationNumber(metadata.Identity.IloGeneration);
        var targetGeneration = IloIdentityReader.GenerationNumber(target.IloGeneration);
        if (fileGeneration is not null && targetGeneration is not null && fileGeneration != targetGeneration)
        {
            problems.Add(new RestoreProblem(
                $"the file is from {metadata.Identity.IloGeneration} but this iLO is {target.IloGeneration}", CanForce: true));
        }
        else if (Version.TryParse(metadata.Identity.FirmwareVersion, out var fileFirmware)
            && Version.TryParse(target.FirmwareVersion, out var targetFirmware) && fileFirmware > targetFirmware)
        {
            problems.Add(new RestoreProblem(
                $"the file was made by newer firmware ({metadata.Identity.FirmwareVersion}) than this iLO runs ({target.FirmwareVersion}): the iLO may refuse it",
                CanForce: true));
        }
    }

    /// <summary>Equal ignoring case, or unknown on either side (nothing to contradict).</summary>
    private static bool Same(string? a, string? b) =>
        a is null || b is null || string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
