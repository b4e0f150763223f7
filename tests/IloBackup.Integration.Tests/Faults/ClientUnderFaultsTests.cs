using IloBackup.Emulator.Faults;
using IloBackup.Integration.Tests.SingleIlo;
using IloBackup.Redfish.Errors;

namespace IloBackup.Integration.Tests.Faults;

/// <summary>The Redfish client against single faults of the real emulator (in process).</summary>
public sealed class ClientUnderFaultsTests
{
    [Fact]
    public async Task A_login_whose_answer_was_lost_is_logged_out_by_the_next_login()
    {
        await using var ilo = await EmulatedIlo.StartAsync();
        IloFaults.Of(ilo.Fleet[0]).Set([new FaultSpec { Kind = FaultKind.LoginAnswerLost, Times = 1 }], seed: 1);
        using var client = ilo.InProcessClient();

        await using (var session = await client.LoginAsync(CancellationToken.None))
        {
            Assert.Equal(1, IloFaults.Of(ilo.Fleet[0]).TotalHits);
            // Only the session the client holds is left: the lost one was found and logged out.
            Assert.Single(ilo.Fleet[0].Sessions.List(ilo.Fleet[0].SessionTimeout));
            await session.GetAsync("/redfish/v1/Managers/1/", CancellationToken.None);
        }

        Assert.Empty(ilo.Fleet[0].Sessions.List(ilo.Fleet[0].SessionTimeout));
    }

    [Fact]
    public async Task A_restore_upload_cut_by_the_ilo_is_reported_and_never_sent_again()
    {
        await using var ilo = await EmulatedIlo.StartAsync();
        var file = Path.Combine(ilo.Directory, "HPE_TEST_20261123_1200.bak");
        await File.WriteAllBytesAsync(file, new byte[20_000]);
        using var client = ilo.InProcessClient();
        await using var session = await client.LoginAsync(CancellationToken.None);
        IloFaults.Of(ilo.Fleet[0]).Set([new FaultSpec { Kind = FaultKind.TransferReset, Times = 0, Value = 1000 }], seed: 1);

        var error = await Assert.ThrowsAnyAsync<RedfishException>(
            () => session.UploadRestoreFileAsync("/cgi-bin/uploadRestoreFile", file, null, null, CancellationToken.None));

        Assert.IsType<RedfishUnreachableException>(error);
        Assert.Equal(1, IloFaults.Of(ilo.Fleet[0]).TotalHits); // one upload, no retry of a POST the iLO may be applying
    }

    [Fact]
    public async Task A_session_the_ilo_ended_by_resetting_is_a_transient_failure()
    {
        await using var ilo = await EmulatedIlo.StartAsync();
        using var client = ilo.InProcessClient();
        await using var session = await client.LoginAsync(CancellationToken.None);
        ilo.Fleet[0].EndAllSessions();

        var error = await Assert.ThrowsAsync<RedfishAuthenticationException>(
            () => session.GetAsync("/redfish/v1/Managers/1/", CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Contains("ended the session", error.Message, StringComparison.Ordinal);
    }
}
