using System.Globalization;
using static IloBackup.Serve.Pages.Html;

namespace IloBackup.Serve.Pages;

/// <summary>The sign-in form (its CSRF token is also in a cookie: the POST must carry both, equal).</summary>
public static class LoginPage
{
    public const string CsrfCookie = "__Host-ilobackup-login";

    public static string Render(string csrf, string? returnTo, string? error) =>
        Page("Sign in", null, string.Empty, string.Create(CultureInfo.InvariantCulture, $"""
            <form class="login" method="post" action="/login">
            <h1>Sign in</h1>
            {(error is null ? string.Empty : $"<p class=\"error\" role=\"alert\">{E(error)}</p>")}
            <input type="hidden" name="csrf" value="{A(csrf)}">
            <input type="hidden" name="return" value="{A(returnTo)}">
            <label for="user">User<input id="user" name="user" autocomplete="username" required></label>
            <label for="password">Password<input id="password" name="password" type="password" autocomplete="current-password" required></label>
            <button type="submit">Sign in</button>
            </form>
            """));
}
