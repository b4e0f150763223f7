using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IloBackup.TestSupport.FakeIlo;

/// <summary>
/// A small fake iLO for the client's unit tests: just enough Redfish (root, sessions, managers,
/// systems, accounts, network, security, the backup service, download, restore upload, NAND
/// files) written from ../shared/docs/ilo-behaviour.md, plus switches for misbehaviour. It is not
/// the emulator; it exists so the client can be tested against bad iLOs the emulator never imitates.
/// </summary>
public sealed partial class FakeIlo : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _sessionCounter;

    private FakeIlo(WebApplication app) => _app = app;

    public string Serial { get; set; } = "MXQ78407Z2";
    public string ProductName { get; set; } = "ProLiant DL360 Gen10 Plus";
    public string ProductId { get; set; } = "867959-B21";
    public string Generation { get; set; } = "iLO 5";
    public string Firmware { get; set; } = "2.78";
    public string SecurityState { get; set; } = "Production";
    public bool? CustomBackupandRestore { get; set; } = false;
    public string HostName { get; set; } = "ilo-rack1";
    public bool AbsoluteLocation { get; set; } = true;

    /// <summary>Scheme and authority of an absolute Location (iLO: its own host name, no port).</summary>
    public string? LocationAuthority { get; set; }
    public bool LinkBackupServiceFromManager { get; set; } = true;

    public ConcurrentDictionary<string, FakeIloUser> Users { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["admin"] = new FakeIloUser("admin", "s3cret-Adm1n", "Administrator", true, true),
        ["operator"] = new FakeIloUser("operator", "0perator-pw", "Operator", false, false),
    };

    /// <summary>Open sessions: token → user name.</summary>
    public ConcurrentDictionary<string, string> Sessions { get; } = new();

    /// <summary>Session id → token.</summary>
    public ConcurrentDictionary<string, string> SessionIds { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();
    public ConcurrentQueue<string> MultipartOrder { get; } = new();

    public int Logins;
    public int Logouts;
    public int Restores;

    public DownloadFault DownloadFault { get; set; }

    /// <summary>The restore upload is applied but its answer is lost (the connection drops).</summary>
    public bool DropRestoreAnswer { get; set; }

    /// <summary>The next N requests (any path) answer 503 with this Retry-After (seconds), 0 for none.</summary>
    public int Unavailable;
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>After a reset, this many requests are answered before the iLO goes away once more (a flapping boot).</summary>
    public int? FlapAfter { get; set; }

    internal int RequestsUntilFlap = -1;

    /// <summary>Requests answered 503 after a restore: the iLO resetting.</summary>
    public int ResetRequests { get; set; } = 3;

    /// <summary>When set, downloads wait on it after sending the first bytes (to cancel a backup mid-way).</summary>
    public TaskCompletionSource? DownloadGate { get; set; }
    public TaskCompletionSource DownloadStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Padding so the backup spans several buffers.</summary>
    public int BackupPadding { get; set; } = 200_000;

    public List<string> NandFiles { get; } = [];

    public HttpMessageHandler? Handler { get; private set; }
    public Uri BaseAddress { get; private set; } = new("http://localhost/");

    public static async Task<FakeIlo> StartInProcessAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var started = new FakeIlo(app);
        started.Map(app);
        await app.StartAsync();
        started.Handler = app.GetTestServer().CreateHandler();
        return started;
    }

    /// <summary>Real sockets on 127.0.0.1, HTTPS with <paramref name="certificate"/> (or plain HTTP without).</summary>
    public static async Task<FakeIlo> StartKestrelAsync(X509Certificate2? certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, l =>
        {
            if (certificate is not null)
            {
                l.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        var fake = new FakeIlo(app);
        fake.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        DownloadGate?.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal string NewSession(string user, out string id)
    {
        var token = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        id = $"{user}{Interlocked.Increment(ref _sessionCounter):x16}";
        Sessions[token] = user;
        SessionIds[id] = token;
        return token;
    }

    internal JsonObject Configuration() => new()
    {
        ["HostName"] = HostName,
        ["Users"] = new JsonArray(Users.Values.OrderBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => (JsonNode)new JsonObject
            {
                ["UserName"] = u.UserName, ["Password"] = u.Password, ["RoleId"] = u.RoleId,
                ["ConfigPriv"] = u.ConfigPriv, ["UserConfigPriv"] = u.UserConfigPriv,
            }).ToArray()),
    };

    internal void Apply(JsonObject configuration)
    {
        HostName = configuration["HostName"]!.GetValue<string>();
        Users.Clear();
        foreach (var u in configuration["Users"]!.AsArray())
        {
            var user = new FakeIloUser(u!["UserName"]!.GetValue<string>(), u["Password"]!.GetValue<string>(), u["RoleId"]!.GetValue<string>(),
                u["ConfigPriv"]!.GetValue<bool>(), u["UserConfigPriv"]!.GetValue<bool>());
            Users[user.UserName] = user;
        }
    }
}
