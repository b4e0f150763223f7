using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using IloBackup.Serve.Access;

namespace IloBackup.Serve.Pages;

/// <summary>
/// Server-rendered pages as plain C# with every value HTML-encoded (no Razor: nothing to reflect on, nothing for Native AOT to
/// trim away). One layout; htmx (embedded, see /static) swaps fragments for filters, polling and the run button.
/// </summary>
public static class Html
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    /// <summary>An attribute value (encoded for a double-quoted attribute).</summary>
    public static string A(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    public static string Url(string? text) => Uri.EscapeDataString(text ?? string.Empty);

    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "—";

    public static string Age(DateTimeOffset? then, DateTimeOffset now)
    {
        if (then is not { } t)
        {
            return "never";
        }

        var age = now - t;
        return age.TotalMinutes < 1 ? "just now"
            : age.TotalHours < 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalMinutes} min")
            : age.TotalDays < 2 ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours} h")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalDays} days");
    }

    public static string Seconds(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.#} s");

    /// <summary>The whole page around <paramref name="body"/>: navigation, the caller, the CSRF token for htmx's POSTs.</summary>
    public static string Page(string title, Caller? caller, string current, string body)
    {
        var html = new StringBuilder(body.Length + 2048);
        var csrf = caller?.Session?.CsrfToken;
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false,"selfRequestsOnly":true}'>
            <title>{{E(title)}} · ilobackup</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="/static/site.css">
            <script src="/static/htmx.min.js" defer></script>
            </head>
            <body{{(csrf is null ? string.Empty : $" hx-headers='{{\"{AccessMiddleware.CsrfHeader}\": \"{A(csrf)}\"}}'")}}>
            <a class="skip" href="#main">Skip to content</a>
            <header><nav aria-label="Main">
            <a href="/" class="brand">ilobackup</a>
            {{Nav("/", "Fleet", current)}}{{Nav("/drift", "Drift", current)}}{{Nav("/runs", "Runs", current)}}{{Nav("/runners", "Runners", current)}}
            </nav>
            """);
        if (caller is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <div class="who"><span>{E(caller.Name)} ({E(caller.Role.ToString().ToLowerInvariant())})</span>
                """);
            if (caller.Session is not null)
            {
                html.Append(CultureInfo.InvariantCulture, $"""
                    <form method="post" action="/logout"><input type="hidden" name="{AccessMiddleware.CsrfField}" value="{A(csrf)}"><button type="submit">Sign out</button></form>
                    """);
            }

            html.Append("</div>");
        }

        html.Append("</header>\n<main id=\"main\">\n").Append(body).Append("\n</main></body></html>\n");
        return html.ToString();
    }

    /// <summary>A POST form with the caller's CSRF token and one button.</summary>
    public static string PostButton(Caller caller, string action, string label, string? extraAttributes = null) =>
        $"""<form method="post" action="{A(action)}" {extraAttributes}><input type="hidden" name="{AccessMiddleware.CsrfField}" value="{A(caller.Session?.CsrfToken)}"><button type="submit">{E(label)}</button></form>""";

    private static string Nav(string href, string label, string current) =>
        href == current ? $"""<a href="{href}" aria-current="page">{label}</a>""" : $"""<a href="{href}">{label}</a>""";
}
