using System.CommandLine;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Repository.Encryption;

namespace IloBackup.Cli.Repo;

/// <summary>
/// <c>ilobackup repo key create --out FILE</c>: a new repository encryption key in a 0600 key file,
/// never over an existing file (docs/encryption.md, "The key").
/// </summary>
internal static class RepoKeyCommand
{
    public static Command Create(CliConsole console) =>
        new("key", "Manage the repository encryption key (encryption at rest)")
        {
            CreateVerb(console),
        };

    private static Command CreateVerb(CliConsole console)
    {
        var output = new Option<string>("--out")
        {
            Description = "The key file to create (mode 0600; an existing file is never overwritten)",
            HelpName = "FILE",
            Required = true,
        };
        var json = RepoCli.JsonOption();
        var command = new Command(
            "create",
            "Create a new repository encryption key in a key file. Keep a copy apart from the backups: without the key, encrypted backups cannot be read")
        {
            output,
            json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = Path.GetFullPath(parse.GetValue(output)!);
            using var key = await RepositoryKeyFile.CreateAsync(path, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(EntryJson.Render(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("keyFile", path);
                    w.WriteString("keyId", key.IdHex);
                    w.WriteEndObject();
                })).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await console.Out.WriteLineAsync($"created repository key {key.IdHex} in {path} (mode 0600)").ConfigureAwait(false);
            await console.Out.WriteLineAsync(
                "keep a copy of this file somewhere safe and apart from the backups: if the key is lost, every backup encrypted under it is unreadable, with no way to recover it")
                .ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
