using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Resources;
using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.Tests.Authorization;

/// <summary>The seven callers of the matrix on one emulated iLO: no credentials, a bad token, an
/// expired session, a logged-out session, and live ReadOnly, Operator and Administrator sessions.</summary>
internal sealed class MatrixCallers
{
    private MatrixCallers(IReadOnlyList<MatrixCaller> all, string administratorToken, string administratorSessionId)
    {
        All = all;
        AdministratorToken = administratorToken;
        AdministratorSessionId = administratorSessionId;
    }

    /// <summary>In the order they are tried: the administrator last, so what it changes cannot mislead the others.</summary>
    public IReadOnlyList<MatrixCaller> All { get; }

    public string AdministratorToken { get; }

    public string AdministratorSessionId { get; }

    public static async Task<MatrixCallers> CreateAsync(EmulatorFixture emulator)
    {
        var (admin, adminToken, adminLocation) = await emulator.LoginAsync();
        using (admin)
        {
            await AddUserAsync(admin, "viewer", "ReadOnly");
            await AddUserAsync(admin, "operator", "Operator");
            await AddUserAsync(admin, "stale", "Administrator");
            await AddUserAsync(admin, "gone", "Administrator");
        }

        // The expired session: idle longer than the session timeout, while the others are made afterwards.
        var (stale, staleToken, _) = await emulator.LoginAsync(user: "stale", password: UserPassword);
        stale.Dispose();
        emulator.Time.Advance(emulator.Fleet[0].SessionTimeout + TimeSpan.FromMinutes(1));
        (admin, adminToken, adminLocation) = await emulator.LoginAsync();
        admin.Dispose();

        var (gone, goneToken, goneLocation) = await emulator.LoginAsync(user: "gone", password: UserPassword);
        using (gone)
        {
            using var logout = await gone.DeleteAsync(goneLocation);
            Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        }

        var (viewer, viewerToken, _) = await emulator.LoginAsync(user: "viewer", password: UserPassword);
        viewer.Dispose();
        var (op, operatorToken, _) = await emulator.LoginAsync(user: "operator", password: UserPassword);
        op.Dispose();

        MatrixCaller[] all =
        [
            new("no credentials", null, null),
            new("bad token", "0123456789abcdef0123456789abcdef", null),
            new("expired session", staleToken, null),
            new("logged-out session", goneToken, null),
            new("ReadOnly", viewerToken, IloRoles.ReadOnly),
            new("Operator", operatorToken, IloRoles.Operator),
            new("Administrator", adminToken, IloRoles.Administrator),
        ];
        return new MatrixCallers(all, adminToken, adminLocation.TrimEnd('/').Split('/')[^1]);
    }

    internal const string UserPassword = "Matrix-Passw0rd";

    private static async Task AddUserAsync(HttpClient admin, string name, string role)
    {
        using var response = await admin.PostAsJsonAsync(IloPaths.Accounts, new JsonObject
        {
            ["UserName"] = name,
            ["Password"] = UserPassword,
            ["RoleId"] = role,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
