namespace IloBackup.Emulator.Redfish;

/// <summary>One message of the DMTF Base registry, with the HTTP status the emulator answers it with.</summary>
/// <param name="Name">Message key, e.g. <c>NoValidSession</c>.</param>
/// <param name="Status">HTTP status.</param>
/// <param name="Template">Message text with <c>%1</c>, <c>%2</c> placeholders.</param>
/// <param name="Severity"><c>OK</c>, <c>Warning</c> or <c>Critical</c>.</param>
/// <param name="Resolution">What the client can do.</param>
/// <param name="Terse">
/// Render only <c>MessageId</c> (and <c>MessageArgs</c>), as iLO does; the 401 body must be exactly
/// the one of <c>../shared/docs/ilo-behaviour.md</c> §2.
/// </param>
/// <param name="IdPrefix">The registry and version the id starts with; <c>Base.1.12.</c> unless an iLO message.</param>
public sealed record BaseMessage(string Name, int Status, string Template, string Severity, string Resolution, bool Terse = false, string? IdPrefix = null)
{
    /// <summary>e.g. <c>Base.1.12.NoValidSession</c>, <c>iLO.2.14.PropertyNotWritableOrUnknown</c>.</summary>
    public string MessageId => (IdPrefix ?? BaseMessages.RegistryPrefix) + Name;

    public string Format(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var text = Template;
        for (var i = args.Count; i >= 1; i--)
        {
            text = text.Replace("%" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), args[i - 1], StringComparison.Ordinal);
        }

        return text;
    }
}
