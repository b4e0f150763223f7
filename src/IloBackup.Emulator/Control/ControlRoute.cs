using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Control;

/// <summary>
/// One route of the control API: a method, a path template (segments; <c>{k}</c> stands for an
/// iLO's index) and its handler, which answers 200 with JSON or throws
/// <see cref="ControlEndpoint.ControlException"/>. Every route needs the control secret: the
/// endpoint checks it before it looks for a route (<see cref="ControlEndpoint"/>).
/// </summary>
internal sealed record ControlRoute(string Method, string Template, Func<ControlRequest, Task<JsonNode>> Handle)
{
    public const string IloIndex = "{k}";

    public IReadOnlyList<string> Segments { get; } = Template.Split('/');

    /// <summary>Which segment holds the iLO's index; -1 for a route of the whole fleet.</summary>
    public int IloSegment { get; } = Array.IndexOf(Template.Split('/'), IloIndex);

    /// <summary>True when <paramref name="segments"/> fit the template (any text stands for <c>{k}</c>).</summary>
    public bool Matches(IReadOnlyList<string> segments)
    {
        if (segments.Count != Segments.Count)
        {
            return false;
        }

        for (var i = 0; i < segments.Count; i++)
        {
            if (Segments[i] != IloIndex && !string.Equals(Segments[i], segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => $"{Method} /{Template}";
}
