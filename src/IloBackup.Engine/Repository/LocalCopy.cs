namespace IloBackup.Engine.Repository;

/// <summary>
/// A restore uploads a file: the object itself when the store keeps it as a local file (the folder store, nothing
/// copied), else a private copy downloaded by streaming into a fresh 0700 temporary folder (file 0600), which the
/// process removes when it exits.
/// </summary>
internal static class LocalCopy
{
    public static async Task<string> OfAsync(IObjectStore store, string sha256, CancellationToken cancellationToken)
    {
        var name = store.NameOf(sha256);
        if (store.LocalPathOf(name) is { } local)
        {
            return local;
        }

        var source = await store.OpenReadAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new RepositoryException($"object {sha256} is missing from {store.Description}: run verify");
        var folder = Directory.CreateTempSubdirectory("ilobackup-restore-").FullName; // 0700 on Unix
        var path = Path.Combine(folder, sha256);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ObjectStore.DeleteDirectory(folder);
        await using (source.ConfigureAwait(false))
        {
            var target = new FileStream(path, ObjectStore.CreateNewOwnerOnly(ObjectStore.BufferSize));
            await using (target.ConfigureAwait(false))
            {
                await source.CopyToAsync(target, ObjectStore.BufferSize, cancellationToken).ConfigureAwait(false);
            }
        }

        return path;
    }
}
