using System.CommandLine;

namespace IloBackup.Cli.Help;

/// <summary>
/// Mistakes caught before the command line is parsed: a mistyped verb (with "did you mean"), which
/// the parser would otherwise let <c>--help</c> hide behind the root help and exit 0; and a
/// password given on the command line, refused without ever repeating it.
/// </summary>
internal static class CommandLineMistakes
{
    public static async Task<int?> CheckAsync(RootCommand root, IReadOnlyList<string> args, CliConsole console)
    {
        if (args.Any(a => a == "--password" || a.StartsWith("--password=", StringComparison.Ordinal)))
        {
            return await Output.ErrorReport.WriteAsync(console, args, null,
                "a password is never taken on the command line (anyone on this machine can read it in the process list and the shell history): "
                + "set $ILO_PASSWORD, or use --password-file FILE or --password-stdin, or run interactively to be asked",
                ExitCodes.Usage).ConfigureAwait(false);
        }

        Command command = root;
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (token == Configuration.ConfigLocation.Option)
            {
                i++;
                continue;
            }

            if (token.StartsWith('-') || command.Subcommands.Count == 0 || command.Arguments.Count > 0)
            {
                // Options, and whatever follows a verb that takes arguments, are the parser's to judge.
                if (!token.StartsWith('-'))
                {
                    return null;
                }

                if (!token.Contains('=', StringComparison.Ordinal) && TakesValue(command, root, token))
                {
                    i++; // its value is not a verb (serve --repo REPO user ...)
                }

                continue;
            }

            var next = command.Subcommands.FirstOrDefault(c => c.Name == token || c.Aliases.Contains(token));
            if (next is null)
            {
                var path = command == root ? "ilobackup" : $"ilobackup {command.Name}";
                var guesses = Suggest(token, command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
                var hint = guesses.Count > 0 ? $"; did you mean {string.Join(" or ", guesses.Select(g => $"'{g}'"))}?" : string.Empty;
                return await Output.ErrorReport.WriteAsync(console, args, null,
                    $"'{Clean(token)}' is not a verb of {path}{hint} (see '{path} --help')", ExitCodes.Usage).ConfigureAwait(false);
            }

            command = next;
        }

        return null;
    }

    /// <summary>True when <paramref name="token"/> names an option of <paramref name="command"/> (or a recursive one of the root) that takes a value.</summary>
    private static bool TakesValue(Command command, RootCommand root, string token)
    {
        var option = command.Options.Concat(root.Options.Where(o => o.Recursive))
            .FirstOrDefault(o => o.Name == token || o.Aliases.Contains(token));
        return option is not null && option.Arity.MinimumNumberOfValues > 0; // a flag (bool) may stand alone
    }

    /// <summary>The names within a small edit distance of <paramref name="typed"/>, nearest first.</summary>
    public static IReadOnlyList<string> Suggest(string typed, IEnumerable<string> names)
    {
        var limit = Math.Max(2, typed.Length / 3);
        return [.. names
            .Select(n => (Name: n, Distance: n.StartsWith(typed, StringComparison.OrdinalIgnoreCase) && typed.Length >= 3 ? 1 : Distance(typed.ToLowerInvariant(), n)))
            .Where(p => p.Distance <= limit)
            .OrderBy(p => p.Distance).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Take(2)
            .Select(p => p.Name)];
    }

    private static string Clean(string token) => IloBackup.Redfish.Json.UntrustedText.Clean(token.Length > 40 ? token[..40] + "..." : token)!;

    /// <summary>Optimal string alignment distance (Levenshtein with adjacent transpositions).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
