using System.Net;
using IloBackup.Serve.Access;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Serve.Tests.Access;

/// <summary>Signing in and out: cookie flags, the delay after failures (on a fake clock), no open redirect, logout ends the session.</summary>
public sealed class LoginTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private ServeFixture _fx = null!;

    private readonly System.Threading.Channels.Channel<TimeSpan> _delays = System.Threading.Channels.Channel.CreateUnbounded<TimeSpan>();

    public async Task InitializeAsync()
    {
        _fx = await ServeFixture.StartAsync(runs: 0, time: _time);
        _fx.Access.Throttle.Delaying += (_, delay) => _delays.Writer.TryWrite(delay);
    }

    public async Task DisposeAsync() => await _fx.DisposeAsync();

    private async Task<Task<HttpResponseMessage>> PostLoginAsync(string user, string password, string? returnTo = null)
    {
        using var form = await _fx.Client.GetAsync(new Uri("/login", UriKind.Relative));
        var cookie = ServeFixture.CookieValue(form, "__Host-ilobackup-login")!;
        var csrf = ServeFixture.CsrfField().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        var fields = new Dictionary<string, string> { ["csrf"] = csrf, ["user"] = user, ["password"] = password };
        if (returnTo is not null)
        {
            fields["return"] = returnTo;
        }

        var post = new HttpRequestMessage(HttpMethod.Post, "/login") { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", $"__Host-ilobackup-login={cookie}");
        return _fx.Client.SendAsync(post);
    }

    [Fact]
    public async Task Session_cookie_is_secure_httponly_samesite_strict_and_host_only()
    {
        using var answer = await await PostLoginAsync("vera", ServeFixture.ViewerPassword);

        var cookie = answer.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AccessMiddleware.CookieName + "=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", cookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("; samesite=strict", cookie, StringComparison.Ordinal);
        Assert.Contains("; path=/", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("domain=", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_logins_are_answered_after_a_delay_that_doubles()
    {
        var first = await PostLoginAsync("vera", "wrong-password");
        Assert.Equal(TimeSpan.FromSeconds(1), await _delays.Reader.ReadAsync());
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(first.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        using (var answer = await first)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            Assert.Contains("Wrong user name or password.", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Null(ServeFixture.CookieValue(answer, AccessMiddleware.CookieName));
        }

        var second = await PostLoginAsync("vera", "wrong-again");
        Assert.Equal(TimeSpan.FromSeconds(2), await _delays.Reader.ReadAsync());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        (await second).Dispose();

        // An unknown user waits the same way: the answer does not tell which names exist.
        var unknown = await PostLoginAsync("nobody", "whatever");
        Assert.Equal(TimeSpan.FromSeconds(1), await _delays.Reader.ReadAsync());
        Assert.False(unknown.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        using (var answer = await unknown)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        }

        // The right password still works at once, and clears the count.
        using var ok = await await PostLoginAsync("vera", ServeFixture.ViewerPassword);
        Assert.Equal(HttpStatusCode.SeeOther, ok.StatusCode);
        Assert.Equal(LoginThrottle.First, _fx.Access.Throttle.DelayFor("vera"));
    }

    [Theory]
    [InlineData("/runs/1", "/runs/1")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    public async Task After_login_only_a_path_on_this_site_is_followed(string returnTo, string expected)
    {
        using var answer = await await PostLoginAsync("vera", ServeFixture.ViewerPassword, returnTo);
        Assert.Equal(expected, answer.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Logout_ends_the_session_on_the_server()
    {
        var session = await _fx.SignInAsync("otto", ServeFixture.OperatorPassword);
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { [AccessMiddleware.CsrfField] = session.Csrf }),
        };
        logout.Headers.Add("Cookie", $"{AccessMiddleware.CookieName}={session.Cookie}");
        using var answer = await _fx.Client.SendAsync(logout);
        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);

        using var after = new HttpRequestMessage(HttpMethod.Get, "/runs");
        after.Headers.Add("Cookie", $"{AccessMiddleware.CookieName}={session.Cookie}");
        using var refused = await _fx.Client.SendAsync(after);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_browser_can_sign_in_again_with_the_login_forms_own_token()
    {
        var first = await _fx.SignInAsync("vera", ServeFixture.ViewerPassword);
        using var form = new HttpRequestMessage(HttpMethod.Get, "/login");
        form.Headers.Add("Cookie", $"{AccessMiddleware.CookieName}={first.Cookie}");
        using var formAnswer = await _fx.Client.SendAsync(form);
        var loginCookie = ServeFixture.CookieValue(formAnswer, "__Host-ilobackup-login")!;
        var csrf = ServeFixture.CsrfField().Match(await formAnswer.Content.ReadAsStringAsync()).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["csrf"] = csrf, ["user"] = "otto", ["password"] = ServeFixture.OperatorPassword }),
        };
        post.Headers.Add("Cookie", $"{AccessMiddleware.CookieName}={first.Cookie}; __Host-ilobackup-login={loginCookie}");
        using var answer = await _fx.Client.SendAsync(post);

        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        Assert.NotNull(ServeFixture.CookieValue(answer, AccessMiddleware.CookieName));
    }
}
