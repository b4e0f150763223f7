using IloBackup.Redfish.Json;

namespace IloBackup.Redfish.Tests;

/// <summary>Issue 11, item 4: escape sequences and control characters from an iLO never reach a terminal or a file.</summary>
public sealed class UntrustedTextTests
{
    [Theory]
    [InlineData("MXQ12345AB", "MXQ12345AB")]
    [InlineData("\u001b[2J\u001b[HMXQ1", "MXQ1")]
    [InlineData("MXQ\u001b]0;window title\u0007123", "MXQ123")]
    [InlineData("MXQ\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\", "MXQlink")]
    [InlineData("a\u001bcb", "ab")]
    [InlineData("a\u009b31mb", "ab")]
    [InlineData("line1\r\nline2\tend", "line1  line2 end")]
    [InlineData("abc\u202edcba", "abcdcba")]
    [InlineData("nul\u0000del\u007f", "nuldel")]
    [InlineData("ends with ESC\u001b", "ends with ESC")]
    [InlineData("ends in CSI\u001b[12", "ends in CSI")]
    [InlineData("Résumé – ProLiant", "Résumé – ProLiant")]
    public void Cleans_what_would_drive_a_terminal(string text, string clean)
    {
        Assert.Equal(clean, UntrustedText.Clean(text));
        Assert.Equal(text != clean, UntrustedText.NeedsCleaning(text));
    }

    [Fact]
    public void Plain_text_is_returned_as_is_without_a_copy()
    {
        const string Text = "ProLiant DL380 Gen10";
        Assert.Same(Text, UntrustedText.Clean(Text));
        Assert.Null(UntrustedText.Clean(null));
    }
}
