using System.Text;

namespace IloBackup.Redfish.Json;

/// <summary>
/// Text an iLO chose (serial numbers, product names, messages, file names) made safe to print and
/// store: terminal escape sequences (CSI <c>ESC [ … final</c>, OSC <c>ESC ] … BEL</c> or
/// <c>ESC \</c>, and two-character <c>ESC x</c>; their one-character C1 forms too) are removed
/// whole, every other control character is removed (a line break or tab becomes a space), and the
/// bidirectional overrides that reorder what a terminal shows are removed.
/// </summary>
public static class UntrustedText
{
    private const char Esc = '\u001b';

    /// <summary>The text with escape sequences and control characters removed; null stays null.</summary>
    public static string? Clean(string? text)
    {
        if (text is null || !NeedsCleaning(text))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == Esc || c is '\u009b' or '\u009d' or '\u0090' or '\u009e' or '\u009f')
            {
                i = SkipSequence(text, i);
            }
            else if (c is '\t' or '\n' or '\r')
            {
                result.Append(' ');
            }
            else if (!IsHidden(c))
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>True when <see cref="Clean"/> would change the text.</summary>
    public static bool NeedsCleaning(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (IsHidden(c) || c == Esc)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHidden(char c) =>
        char.IsControl(c) || c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069' or '\u200e' or '\u200f' or '\u061c';

    /// <summary>The index of the last character of the escape sequence starting at <paramref name="start"/>.</summary>
    private static int SkipSequence(string text, int start)
    {
        var c = text[start];
        var i = start + 1;
        char kind;
        if (c == Esc)
        {
            if (i >= text.Length)
            {
                return start;
            }

            kind = text[i] switch
            {
                '[' => '[',
                ']' or 'P' or '^' or '_' or 'X' => ']',
                _ => 'x',
            };
            if (kind == 'x')
            {
                return i; // ESC and one more character (ESC c resets the terminal)
            }

            i++;
        }
        else
        {
            kind = c == '\u009b' ? '[' : ']';
        }

        if (kind == '[')
        {
            // Parameters and intermediates (0x20-0x3F), then one final byte (0x40-0x7E).
            while (i < text.Length && text[i] is >= ' ' and <= '?')
            {
                i++;
            }

            return i < text.Length && text[i] is >= '@' and <= '~' ? i : i - 1;
        }

        // A string: up to BEL, ST (ESC \) or the one-character ST.
        while (i < text.Length)
        {
            if (text[i] is '\u0007' or '\u009c')
            {
                return i;
            }

            if (text[i] == Esc && i + 1 < text.Length && text[i + 1] == '\\')
            {
                return i + 1;
            }

            i++;
        }

        return text.Length - 1;
    }
}
