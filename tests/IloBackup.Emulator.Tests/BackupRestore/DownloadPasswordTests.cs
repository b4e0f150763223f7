using System.Net;

namespace IloBackup.Emulator.Tests.BackupRestore;

/// <summary>
/// Issue 14: a file password with a control character (or a lone surrogate) can protect no file
/// (docs/backup-file-format.md), so the download refuses it as a 400, not a 500.
/// </summary>
public sealed class DownloadPasswordTests
{
    [Theory]
    [InlineData("pw\u0000")]
    [InlineData("pass\tword")]
    [InlineData("line\nbreak")]
    [InlineData("del\u007f")]
    public async Task A_password_with_a_control_character_is_refused_as_json(string password)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, token, _) = await emulator.LoginAsync();
        var (location, _) = await BackupRestoreKit.BackupAsync(client);
        using var form = new MultipartFormDataContent { { new StringContent(token), "sessionKey" }, { new StringContent(password), "password" } };

        using var response = await client.PostAsync(location, form);

        Assert.Equal("Base.1.12.PropertyValueFormatError", await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest));
    }
}
