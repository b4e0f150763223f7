using System.CommandLine;
using IloBackup.Cli.Connection;
using IloBackup.Cli.Output;
using IloBackup.Engine.Metadata;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Restore;
using IloBackup.Engine.Secrets;
using IloBackup.Redfish.Credentials;
using Spectre.Console;

namespace IloBackup.Cli.Restore;

/// <summary>
/// <c>ilobackup restore HOST FILE</c>: pre-flight (is this file for this server?), confirmation,
/// upload, then wait for the iLO to reset and come back, log in again and verify.
/// </summary>
internal static class RestoreCommand
{
    public static Command Create(CliConsole console)
    {
        var connection = new ConnectionOptions();
        var filePassword = new FilePasswordOptions();
        var file = new Argument<string?>("FILE") { Description = "The backup file (.bak) to restore (or --repo: the newest backup of the target's serial)", Arity = ArgumentArity.ZeroOrOne };
        var repository = new RepositoryRestoreOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "Only the pre-flight: show what would happen, change nothing" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation" };
        var force = new Option<bool>("--force") { Description = "Restore even a file made on another server or one nothing is known about" };
        var poll = new Option<string>("--poll-interval") { Description = "How often to look whether it is back", HelpName = "TIME", DefaultValueFactory = _ => "5s" };
        var newUser = new Option<string?>("--new-user") { Description = "User for the login after the restore (the restored accounts may differ)", HelpName = "NAME" };
        var newPasswordEnv = new Option<string?>("--new-password-env") { Description = "Variable holding that user's password", HelpName = "VAR" };
        var newPasswordFile = new Option<string?>("--new-password-file") { Description = "File holding that user's password", HelpName = "FILE" };
        var command = new Command("restore", "Restore one iLO from a backup file, wait for it to come back, and verify it");
        connection.AddTo(command);
        command.Arguments.Add(file);
        foreach (var option in filePassword.All.Concat([dryRun, yes, force, poll, newUser, newPasswordEnv, newPasswordFile]).Concat(repository.All))
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, outer) => connection.WithinDeadlineAsync(parse, console, "restore", VerbDefaults.RestoreTotal(connection, parse), async ct =>
        {
            var fromRepository = repository.Validate(parse, parse.GetValue(file));
            var path = parse.GetValue(file)!;
            if (!fromRepository && !File.Exists(path))
            {
                throw new CliUsageException($"{path} does not exist");
            }

            // Everything from the command line first (a missing password is a usage error before any connection).
            var fromStdin = connection.Password.ReadsStdin(parse);
            var after = await NewCredentialAsync(parse, console, newUser, newPasswordEnv, newPasswordFile, ct).ConfigureAwait(false);
            var dry = parse.GetValue(dryRun);
            var sidecar = fromRepository ? null : await BackupMetadataFile.TryReadAsync(path, ct).ConfigureAwait(false);
            var filePw = await filePassword.ReadAsync(parse, console, fromStdin, required: sidecar?.PasswordProtected == true && !dry, ct)
                .ConfigureAwait(false);
            var request = new RestoreRequest
            {
                FilePath = fromRepository ? null : path,
                FilePassword = filePw,
                Force = parse.GetValue(force),
                Deadline = connection.DeadlineOf(parse, VerbDefaults.RestoreDeadline),
                PollInterval = DurationText.Parse(parse.GetValue(poll)!, "--poll-interval"),
                CredentialAfterRestore = after,
            };

            var json = parse.GetValue(connection.Json);
            await using var repo = fromRepository ? await repository.OpenAsync(parse, ct).ConfigureAwait(false) : null;
            using var logs = connection.Logs(parse, console);
            using var client = await connection.ClientAsync(parse, console, logs, ct).ConfigureAwait(false);
            await using var operation = new RestoreOperation(client, logs.CreateLogger("IloBackup.Engine"));
            IRestoreSource source = repo is null ? new FileRestoreSource(path) : repository.Source(parse, repo);
            var plan = await operation.PlanAsync(source, request, ct).ConfigureAwait(false);
            if (source is RepositoryRestoreSource { Entry: { } entry } chosen)
            {
                if (!json)
                {
                    await console.Out.WriteLineAsync(RepositoryRestoreOptions.Describe(plan, entry, repo!)).ConfigureAwait(false);
                }

                // With --json the plan or result is stdout's one document: what was passed over goes to stderr.
                await RestoreChanges.WriteSkippedAsync(json ? console.Error : console.Out, chosen).ConfigureAwait(false);
            }

            if (filePw is null && plan.File.Metadata?.PasswordProtected == true && !dry)
            {
                filePw = await filePassword.ReadAsync(parse, console, fromStdin, required: true, ct).ConfigureAwait(false);
                plan = plan.WithRequest(request with { FilePassword = filePw });
            }

            await RestoreReport.WritePlanAsync(console, plan, json).ConfigureAwait(false);
            var preview = plan.IsBlocked ? null : await operation.PreviewAsync(plan, ct).ConfigureAwait(false);
            if (preview is not null && !json)
            {
                await RestoreChanges.WriteAsync(console, preview).ConfigureAwait(false);
            }

            if (json && (plan.IsBlocked || parse.GetValue(dryRun)))
            {
                await CliOutput.WriteJsonAsync(console, RestoreChanges.AddTo(RestoreReport.PlanJson(plan), preview, source as RepositoryRestoreSource)).ConfigureAwait(false);
            }

            if (plan.IsBlocked)
            {
                throw new RestoreRefusedException(plan);
            }

            if (dry)
            {
                if (!json)
                {
                    await console.Out.WriteLineAsync("dry run: nothing was uploaded").ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            }

            if (!parse.GetValue(yes))
            {
                if (!console.IsInteractive || fromStdin)
                {
                    throw new CliUsageException("restore changes the iLO and resets it: confirm with --yes when not at a terminal");
                }

                if (!await SecretPrompt.ConfirmAsync(console, $"Restore {plan.File.UploadName ?? Path.GetFileName(path)} to {plan.Host}? The iLO will reset.", ct).ConfigureAwait(false))
                {
                    await console.Error.WriteLineAsync("error: restore not confirmed: nothing was changed").ConfigureAwait(false);
                    return ExitCodes.Failed;
                }
            }

            var result = await ExecuteAsync(console, operation, plan, json, ct).ConfigureAwait(false);
            await RestoreReport.WriteResultAsync(console, result, json).ConfigureAwait(false);
            if (!result.IdentityMatches)
            {
                await console.Error.WriteLineAsync(
                    $"error: {plan.Host} came back as another server ({result.IdentityAfter}); expected {plan.Target}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            return ExitCodes.Ok;
        }, outer));
        return command;
    }

    private static async Task<RestoreResult> ExecuteAsync(
        CliConsole console, RestoreOperation operation, RestorePlan plan, bool json, CancellationToken cancellationToken)
    {
        if (!console.IsInteractive || json)
        {
            var progress = new StageReporter<RestoreProgress>(console, p => RestoreReport.Describe(plan.Host, p), quiet: json);
            return await operation.ExecuteAsync(plan, progress, cancellationToken).ConfigureAwait(false);
        }

        // At a terminal: a live status line while the iLO is away (minutes on a real one).
        return await CliOutput.Ansi(console.Error, interactive: true).Status().StartAsync("restoring", async context =>
        {
            var progress = new Progress<RestoreProgress>(p =>
            {
                if (RestoreReport.Describe(plan.Host, p) is { } text)
                {
                    context.Status(Markup.Escape($"{text} ({p.Elapsed.TotalSeconds:0} s)"));
                }
            });
            return await operation.ExecuteAsync(plan, progress, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private static async Task<RedfishCredential?> NewCredentialAsync(
        ParseResult parse, CliConsole console, Option<string?> user, Option<string?> env, Option<string?> file, CancellationToken cancellationToken)
    {
        var name = parse.GetValue(user);
        var variable = parse.GetValue(env);
        var path = parse.GetValue(file);
        if (name is null)
        {
            return variable is null && path is null ? null : throw new CliUsageException("--new-password-env/--new-password-file need --new-user");
        }

        if (variable is not null && path is not null)
        {
            throw new CliUsageException("give --new-password-env or --new-password-file, not both");
        }

        if (variable is null && path is null && !console.IsInteractive)
        {
            throw new CliUsageException("--new-user needs --new-password-env or --new-password-file when not at a terminal");
        }

        var (source, option) = variable is not null ? (SecretSource.FromEnvironment(variable), "--new-password-env")
            : path is not null ? (SecretSource.FromFile(path), "--new-password-file")
            : (SecretSource.FromPrompt($"Password for {name} after the restore: "), "--new-user");
        return new RedfishCredential(name, await CliSecrets.ReadAsync(source, console, option, cancellationToken).ConfigureAwait(false));
    }
}
