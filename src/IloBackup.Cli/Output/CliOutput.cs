using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace IloBackup.Cli.Output;

/// <summary>Human output through Spectre.Console over the command's writers, and JSON for scripts.</summary>
internal static class CliOutput
{
    /// <summary>
    /// Text as written, not escaped for HTML (<c>+00:00</c>, not <c>\u002B00:00</c>): the output goes
    /// to terminals and scripts, never into a web page (docs/json-output.md).
    /// </summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = Encoder };

    public static readonly JsonSerializerOptions Compact = new() { Encoder = Encoder };

    /// <summary>A Spectre console over <paramref name="writer"/>: colours and live displays only at a terminal.</summary>
    public static IAnsiConsole Ansi(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!interactive)
        {
            // Redirected output: no terminal width to respect, and paths and hashes must not wrap.
            console.Profile.Width = 400;
        }

        return console;
    }

    public static Task WriteJsonAsync(CliConsole console, JsonNode node) =>
        console.Out.WriteLineAsync(node.ToJsonString(Indented));

    /// <summary>A two-column table of names and values.</summary>
    public static void WriteFacts(CliConsole console, string title, IEnumerable<(string Name, string? Value)> facts)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        table.AddColumn("what");
        table.AddColumn("value");
        foreach (var (name, value) in facts)
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value ?? "-"));
        }

        Ansi(console.Out, console.IsInteractive).Write(table);
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KiB ({bytes} bytes)",
        _ => $"{bytes / 1024.0 / 1024.0:0.#} MiB ({bytes} bytes)",
    };
}
