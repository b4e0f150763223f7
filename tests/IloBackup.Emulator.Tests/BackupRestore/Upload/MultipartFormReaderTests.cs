using System.Text;
using IloBackup.Emulator.BackupRestore.Upload;

namespace IloBackup.Emulator.Tests.BackupRestore.Upload;

public class MultipartFormReaderTests
{
    private const string Boundary = "----------------------------3f1e2d";

    private static byte[] Body(byte[] file, string? password = "pw", string boundary = Boundary)
    {
        var text = new StringBuilder();
        text.Append("--").Append(boundary).Append("\r\nContent-Disposition: form-data; name=\"sessionKey\"\r\n\r\n0123456789abcdef0123456789abcdef\r\n");
        if (password is not null)
        {
            text.Append("--").Append(boundary).Append("\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n").Append(password).Append("\r\n");
        }

        text.Append("--").Append(boundary).Append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"HPE_X_20261123_2130.bak\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        var end = Encoding.ASCII.GetBytes("\r\n--" + boundary + "--\r\n");
        return [.. Encoding.ASCII.GetBytes(text.ToString()), .. file, .. end];
    }

    private static Task<MultipartForm> ReadAsync(string? contentType, byte[] body, long limit = 1 << 20) =>
        MultipartFormReader.ReadAsync(contentType, new MemoryStream(body), limit, "file", Path.GetTempPath(), CancellationToken.None);

    [Theory]
    [InlineData("multipart/form-data; boundary=" + Boundary)]
    [InlineData("multipart/form-data; boundary=\"" + Boundary + "\"")]
    [InlineData("multipart/form-data")]
    [InlineData("Multipart/Form-Data")]
    [InlineData(null)]
    public async Task Reads_fields_and_file_with_or_without_a_boundary_in_the_header(string? contentType)
    {
        var file = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();

        await using var form = await ReadAsync(contentType, Body(file));

        Assert.Equal("0123456789abcdef0123456789abcdef", form["sessionKey"]);
        Assert.Equal("pw", form["password"]);
        Assert.Equal("HPE_X_20261123_2130.bak", form.FileName);
        Assert.Equal(file.Length, form.FileLength);
        using var copy = new MemoryStream();
        await form.File!.CopyToAsync(copy);
        Assert.Equal(file, copy.ToArray());
    }

    [Fact]
    public async Task A_form_without_a_file_has_none()
    {
        var body = Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"sessionKey\"\r\n\r\nabc\r\n--{Boundary}--\r\n");

        await using var form = await ReadAsync("multipart/form-data", body);

        Assert.Null(form.File);
        Assert.Equal("abc", form["sessionKey"]);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain; boundary=x")]
    public async Task Other_content_types_are_not_multipart(string contentType)
    {
        var e = await Assert.ThrowsAsync<UploadException>(() => ReadAsync(contentType, Body([1, 2, 3])));

        Assert.Equal(UploadRefusal.NotMultipart, e.Reason);
    }

    [Fact]
    public async Task A_body_without_a_boundary_line_is_not_multipart()
    {
        var e = await Assert.ThrowsAsync<UploadException>(() => ReadAsync("multipart/form-data", Encoding.ASCII.GetBytes("{\"a\":1}")));

        Assert.Equal(UploadRefusal.NotMultipart, e.Reason);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_too_large()
    {
        var e = await Assert.ThrowsAsync<UploadException>(() => ReadAsync("multipart/form-data", Body(new byte[100_000]), limit: 50_000));

        Assert.Equal(UploadRefusal.TooLarge, e.Reason);
    }

    [Fact]
    public async Task A_body_cut_short_is_malformed()
    {
        var body = Body(new byte[1000]);

        var e = await Assert.ThrowsAsync<UploadException>(() => ReadAsync("multipart/form-data", body[..600]));

        Assert.Equal(UploadRefusal.Malformed, e.Reason);
    }

    [Fact]
    public async Task Two_files_are_malformed()
    {
        var first = Body([1]);
        var twice = Encoding.ASCII.GetString(first).Replace($"--{Boundary}--\r\n", string.Empty, StringComparison.Ordinal)
            + $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b\"\r\n\r\nx\r\n--{Boundary}--\r\n";

        var e = await Assert.ThrowsAsync<UploadException>(() => ReadAsync("multipart/form-data", Encoding.ASCII.GetBytes(twice)));

        Assert.Equal(UploadRefusal.Malformed, e.Reason);
    }

    [Theory]
    [InlineData("--abc\r\nrest", "abc")]
    [InlineData("--abc \r\nrest", "abc")]
    [InlineData("--abc\nrest", "abc")]
    [InlineData("abc\r\n", null)]
    [InlineData("--\r\n", null)]
    [InlineData("--abc", null)]
    [InlineData("--a\u00e9c\r\n", null)]
    public void Boundary_is_recovered_from_the_first_line_only_when_valid(string start, string? expected)
    {
        Assert.Equal(expected, MultipartBoundary.FromFirstLine(Encoding.UTF8.GetBytes(start)));
    }
}
