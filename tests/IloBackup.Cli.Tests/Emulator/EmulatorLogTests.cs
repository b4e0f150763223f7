using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IloBackup.Cli.Emulator;

namespace IloBackup.Cli.Tests.Emulator;

/// <summary>
/// `ilobackup emulator` gives the emulator a logger: an unexpected failure inside a request (a bug,
/// answered 500 InternalError) is written to stderr with its exception, not lost (issue 14).
/// </summary>
public sealed class EmulatorLogTests : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "ilobackup-cli-emulog-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    [Fact]
    public async Task An_unexpected_failure_in_a_handler_reaches_stderr_with_its_exception()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, TextReader.Null, isInteractive: false);
        using var stop = new CancellationTokenSource();
        HttpStatusCode? status = null;
        var code = await EmulatorCommand.RunAsync(
            new EmulatorSettings { Port = 0, StateDirectory = _state, Http = true, AdminPassword = "emulog-test-pw" },
            console,
            async fleet =>
            {
                // The body breaks in a way no handler expects: the pipeline's last line of defence runs.
                using var broken = fleet.Overrides.Add(0, "PATCH", "/redfish/v1/Managers/1", (context, _, next) =>
                {
                    context.Request.Body = new FailingStream();
                    return next(context);
                });
                using var client = new HttpClient { BaseAddress = fleet[0].BaseUrl };
                using var request = new HttpRequestMessage(HttpMethod.Patch, "/redfish/v1/Managers/1/")
                {
                    Content = new StringContent("{}", Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("Administrator:emulog-test-pw")));
                using var response = await client.SendAsync(request);
                status = response.StatusCode;
                await stop.CancelAsync();
            },
            stop.Token);

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        var line = Assert.Single(error.ToString().Split('\n'), l => l.StartsWith("error: Unexpected failure in PATCH", StringComparison.Ordinal));
        Assert.Contains("InvalidOperationException: emulog probe", line, StringComparison.Ordinal);
        Assert.DoesNotContain("emulog-test-pw", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_emulator_log_keeps_warnings_and_errors_and_drops_information()
    {
        using var error = new StringWriter();
        var logs = EmulatorCommand.Logs(new CliConsole(TextWriter.Null, error, TextReader.Null, isInteractive: false));
        var logger = logs.CreateLogger("IloBackup.Emulator");

        Assert.True(logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Error));
        Assert.True(logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Warning));
        Assert.False(logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information));
    }

    private sealed class FailingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("emulog probe");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("emulog probe");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
