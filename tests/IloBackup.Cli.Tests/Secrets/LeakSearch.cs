namespace IloBackup.Cli.Tests.Secrets;

/// <summary>Searches texts for secrets: each whole, and each half of a long one (a truncated secret is still a leak).</summary>
internal static class LeakSearch
{
    /// <summary>Fails naming the output and the secret's length (never the secret); returns the characters searched.</summary>
    public static long AssertAbsent(IEnumerable<(string What, string Text)> texts, IEnumerable<string> secrets)
    {
        var needles = secrets.SelectMany(Pieces).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        long searched = 0;
        foreach (var (what, text) in texts)
        {
            searched += text.Length;
            foreach (var needle in needles)
            {
                var at = text.IndexOf(needle, StringComparison.OrdinalIgnoreCase);
                if (at >= 0)
                {
                    Assert.Fail($"a secret ({needle.Length} characters) appears in {what}: ...{text[Math.Max(0, at - 120)..at]}");
                }
            }
        }

        return searched;
    }

    private static IEnumerable<string> Pieces(string secret) =>
        secret.Length >= 24 ? [secret, secret[..(secret.Length / 2)], secret[(secret.Length / 2)..]] : [secret];
}
