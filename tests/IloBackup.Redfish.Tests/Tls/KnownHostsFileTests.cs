using IloBackup.Redfish.Tls;

namespace IloBackup.Redfish.Tests.Tls;

public sealed class KnownHostsFileTests
{
    [Fact]
    public void Fingerprints_compare_ignoring_case_colons_and_prefix()
    {
        var hex = new string('a', 64);
        var colons = "SHA256:" + string.Join(':', Enumerable.Range(0, 32).Select(_ => "AA"));
        Assert.True(CertificateFingerprint.AreEqual(hex, colons));
        Assert.False(CertificateFingerprint.AreEqual(hex, "SHA256:AB"));
        Assert.Null(CertificateFingerprint.Normalize("not a fingerprint"));
    }

    [Fact]
    public void Reads_comments_and_refuses_to_replace_a_pin_silently()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("kh-").FullName, "sub", "known_hosts");
        var known = new KnownHostsFile(path);
        var first = "SHA256:" + string.Join(':', Enumerable.Repeat("01", 32));
        var second = "SHA256:" + string.Join(':', Enumerable.Repeat("02", 32));
        known.Add("[::1]:443", first);
        known.Add("[::1]:443", first);
        Assert.Throws<InvalidOperationException>(() => known.Add("[::1]:443", second));
        File.AppendAllText(path, "# comment\n\nilo7:8443 " + second + "\n");
        var reread = new KnownHostsFile(path);
        Assert.Equal(first, reread.Find("[::1]:443"));
        Assert.Equal(second, reread.Find("ILO7:8443"));
        Assert.Null(reread.Find("ilo7:443"));
        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(path))!, true);
    }
}
