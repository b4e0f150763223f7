using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.S3;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Tls;

// Usage: S3VsFolder fleet folder|s3 INVENTORY REPO [ENDPOINT BUCKET]
//        S3VsFolder big folder|s3 SIZE_MIB REPO [ENDPOINT BUCKET]
// Prints one line: mode, store, wall seconds, and the process's peak working set (MiB). S3 credentials come from
// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, the iLOs' from ILO_USER / ILO_PASSWORD.
var (what, kind) = (args[0], args[1]);
var repoDir = args[3];
Func<string, IObjectStore>? factory = kind == "s3"
    ? dir => new S3ObjectStore(
        new S3StoreSettings { Bucket = args[5], Endpoint = new Uri(args[4]), Prefix = "bench/", PathStyle = true, Credentials = S3Credentials.FromEnvironment() },
        Path.Combine(dir, "tmp"))
    : null;
await using var repo = await BackupRepository.OpenAsync(repoDir, new BackupRepositoryOptions { ObjectStoreFactory = factory }, default);
var clock = Stopwatch.StartNew();
string detail;
if (what == "fleet")
{
    var inventory = await InventoryLoader.LoadAsync(args[2], default);
    var connector = new RedfishIloConnector(new RedfishIloConnectorOptions
    {
        Tls = TlsPolicy.DangerousAcceptAnyCertificate(), // emulated iLOs with their own certificates; a bench only
        DefaultCredential = new RedfishCredential(Environment.GetEnvironmentVariable("ILO_USER")!, Environment.GetEnvironmentVariable("ILO_PASSWORD")!),
    });
    var runner = new FleetRunner(new FleetRunnerOptions { Concurrency = int.Parse(Environment.GetEnvironmentVariable("CONCURRENCY") ?? "64", CultureInfo.InvariantCulture) });
    var report = await new FleetBackupJob(repo, connector, runner, new FleetBackupOptions()).RunAsync(inventory.Hosts, null, default);
    detail = $"succeeded {report.Outcomes.Count(o => o.Status == HostStatus.Succeeded)} of {report.Outcomes.Count}";
}
else
{
    // One large file through the store: staged, put, read back and re-hashed, all by streaming.
    var size = long.Parse(args[2], CultureInfo.InvariantCulture) * 1024 * 1024;
    var staged = Path.Combine(repo.StagingDirectory, "big.partial");
    string sha;
    using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
    await using (var file = File.Create(staged))
    {
        var block = new byte[1 << 20];
        for (long written = 0; written < size; written += block.Length)
        {
            RandomNumberGenerator.Fill(block);
            hash.AppendData(block);
            await file.WriteAsync(block);
        }

        sha = Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    await repo.Store.PutFileAsync(sha, staged, default);
    var put = clock.Elapsed.TotalSeconds;
    var back = await repo.Store.RehashAsync(sha, default);
    detail = string.Create(CultureInfo.InvariantCulture, $"put {put:F1} s, rehash {clock.Elapsed.TotalSeconds - put:F1} s, sha256 {(back == sha ? "equal" : "DIFFERENT")}");
}

using var self = Process.GetCurrentProcess();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{what} {kind}: {clock.Elapsed.TotalSeconds:F1} s, peak working set {self.PeakWorkingSet64 / 1048576.0:F0} MiB, {detail}"));
