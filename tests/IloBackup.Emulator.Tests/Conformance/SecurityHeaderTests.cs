using System.Net;

namespace IloBackup.Emulator.Tests.Conformance;

/// <summary>
/// §8 of ilo-behaviour.md: a real iLO's answers (its 401 as captured) carry
/// <c>X-Content-Type-Options: nosniff</c>, <c>X-Frame-Options: sameorigin</c> and
/// <c>X-XSS-Protection: 1; mode=block</c>. The emulator sends them on every answer, refusals included.
/// </summary>
public sealed class SecurityHeaderTests
{
    [Fact]
    public async Task Answers_and_refusals_carry_the_ilos_security_headers()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var anonymous = emulator.Client();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var refused = await anonymous.GetAsync("/redfish/v1/Systems/1");
            using var root = await anonymous.GetAsync("/redfish/v1/");
            using var resource = await client.GetAsync("/redfish/v1/Systems/1");
            using var missing = await client.GetAsync("/redfish/v1/Nothing");

            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal(HttpStatusCode.OK, root.StatusCode);
            Assert.Equal(HttpStatusCode.OK, resource.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            foreach (var answer in new[] { refused, root, resource, missing })
            {
                Assert.Equal("nosniff", Header(answer, "X-Content-Type-Options"));
                Assert.Equal("sameorigin", Header(answer, "X-Frame-Options"));
                Assert.Equal("1; mode=block", Header(answer, "X-XSS-Protection"));
            }
        }
    }

    private static string? Header(HttpResponseMessage answer, string name) =>
        answer.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
