using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Redfish;

/// <summary>
/// The query options iLO honours: <c>$select</c>, <c>$expand</c> (<c>.</c>, <c>*</c>, <c>~</c>,
/// one level) and <c>only</c>. Any other <c>$</c> option gets 501 <c>QueryNotSupported</c> (§2).
/// </summary>
internal sealed record ODataQuery(IReadOnlyList<string>? Select, ExpandMode Expand, bool Only)
{
    public static ODataQuery None { get; } = new(null, ExpandMode.None, false);

    public static ODataQuery Parse(IQueryCollection query)
    {
        IReadOnlyList<string>? select = null;
        var expand = ExpandMode.None;
        var only = false;
        foreach (var (key, values) in query)
        {
            var value = values.ToString();
            switch (key)
            {
                case "$select":
                    var names = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    if (names.Length == 0 || names.Any(n => n.Length > 128 || n.Split('/').Any(string.IsNullOrEmpty)))
                    {
                        throw new RedfishException(BaseMessages.QueryParameterValueFormatError, Shorten(value), "$select");
                    }

                    select = names;
                    break;
                case "$expand":
                    expand = ParseExpand(value);
                    break;
                case "only":
                    if (value.Length > 0)
                    {
                        // `only` takes no value (DSP0266 "Query parameters"): a value is a 400.
                        throw new RedfishException(BaseMessages.QueryParameterValueFormatError, Shorten(value), "only");
                    }

                    only = true;
                    break;
                default:
                    if (key.StartsWith('$'))
                    {
                        throw new RedfishException(BaseMessages.QueryNotSupported);
                    }

                    break;
            }
        }

        return select is null && expand == ExpandMode.None && !only ? None : new ODataQuery(select, expand, only);
    }

    private static ExpandMode ParseExpand(string value)
    {
        var level = value;
        var open = value.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0)
        {
            var options = value[open..];
            level = value[..open];
            if (!options.StartsWith("($levels=", StringComparison.Ordinal) || !options.EndsWith(')')
                || !int.TryParse(options["($levels=".Length..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var levels)
                || levels < 1 || levels > 6)
            {
                throw new RedfishException(BaseMessages.QueryParameterValueFormatError, Shorten(value), "$expand");
            }
        }

        return level switch
        {
            "." => ExpandMode.Subordinate,
            "*" => ExpandMode.All,
            "~" => ExpandMode.Links,
            _ => throw new RedfishException(BaseMessages.QueryParameterValueFormatError, Shorten(value), "$expand"),
        };
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "...";
}

/// <summary>Which hyperlinks <c>$expand</c> replaces by their resource.</summary>
internal enum ExpandMode
{
    None,
    /// <summary><c>.</c>: links outside <c>Links</c>.</summary>
    Subordinate,
    /// <summary><c>*</c>: every link.</summary>
    All,
    /// <summary><c>~</c>: links inside <c>Links</c>.</summary>
    Links,
}
