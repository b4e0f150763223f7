using System.CommandLine;

namespace IloBackup.Cli.Output;

/// <summary>The options every verb words the same way.</summary>
internal static class CommonOptions
{
    public const string JsonDescription = "Print JSON on stdout for scripts; an error too, as {\"error\": {\"code\": ...}} (docs/json-output.md)";

    public const string VerboseDescription = "Log each step to stderr (never a password or token); stack traces on errors";

    public static Option<bool> Json() => new("--json") { Description = JsonDescription };

    public static Option<bool> Verbose() => new("--verbose") { Description = VerboseDescription };
}
