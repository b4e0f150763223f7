using System.Net;
using System.Text.RegularExpressions;
using IloBackup.Serve.Access;

namespace IloBackup.Serve.Tests.Reading;

/// <summary>The dashboard reads through serve's one open repository, and a page viewed after a run shows the run's rows.</summary>
public sealed partial class ServeReadsTests : IAsyncLifetime
{
    private ServeFixture _fx = null!;

    public async Task InitializeAsync() => _fx = await ServeFixture.StartAsync(runs: 1);

    public async Task DisposeAsync() => await _fx.DisposeAsync();

    private async Task<string> GetAsync(string path, ServeFixture.Session session)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"{AccessMiddleware.CookieName}={session.Cookie}");
        using var answer = await _fx.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_page_viewed_after_a_run_shows_its_new_row_without_opening_the_repository_again()
    {
        var viewer = await _fx.SignInAsync("vera", ServeFixture.ViewerPassword);
        var serial = _fx.Fleet[0].Identity.ServerSerial;
        var before = BackupRow().Matches(await GetAsync($"/servers/{serial}", viewer)).Select(m => m.Groups[1].Value).ToList();
        await GetAsync("/", viewer);

        await _fx.Runs.TryStart("schedule", default)!;

        var after = BackupRow().Matches(await GetAsync($"/servers/{serial}", viewer)).Select(m => m.Groups[1].Value).ToList();
        Assert.Single(before);
        Assert.Equal(2, after.Count);
        Assert.Contains(before[0], after);
        Assert.Contains($"#backup-{after.Except(before).Single()}\"", await GetAsync("/", viewer), StringComparison.Ordinal); // the fleet page's newest backup
        Assert.Equal(1, _fx.State.Reader.Opens);
    }

    [GeneratedRegex("<tr id=\"backup-([0-9]+)\"")]
    private static partial Regex BackupRow();
}
