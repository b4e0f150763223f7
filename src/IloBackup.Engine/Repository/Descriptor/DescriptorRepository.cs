using IloBackup.Engine.Repository.Encryption;
using IloBackup.Engine.Repository.Postgres;
using IloBackup.Engine.Repository.S3;

namespace IloBackup.Engine.Repository.Descriptor;

/// <summary>
/// Opens the repository a descriptor file names (<see cref="RepositoryDescriptor"/>): its catalog (SQLite file or
/// PostgreSQL), its writer lock (the lock file beside a SQLite catalog, PostgreSQL's advisory lock), its object store
/// (folder or S3) and, with a key file, the encryption over it. The repository's own folder holds staging
/// (<c>tmp/</c>): the SQLite catalog's folder, else the descriptor's work folder. The key is checked against the
/// store before the repository is handed out.
/// </summary>
internal static class DescriptorRepository
{
    public static async Task<BackupRepository> OpenAsync(string file, BackupRepositoryOptions options, CancellationToken cancellationToken)
    {
        var descriptor = RepositoryDescriptorReader.Read(file);
        var plan = Plan(descriptor, options);
        var key = descriptor.EncryptionKeyFile is { } keyFile ? RepositoryKeyFile.Load(keyFile) : null;
        IObjectStore? inner = null;
        var repositoryOptions = new BackupRepositoryOptions
        {
            TimeProvider = options.TimeProvider,
            ReadOnly = options.ReadOnly,
            CreateIfMissing = options.CreateIfMissing,
            LockWait = options.LockWait,
            OnLockWait = options.OnLockWait,
            Runner = options.Runner,
            SharedWriter = options.SharedWriter,
            AfterObjectStored = options.AfterObjectStored,
            CatalogFactory = options.CatalogFactory ?? plan.Catalog,
            WriterLockFactory = options.WriterLockFactory ?? plan.WriterLock,
            ObjectStoreFactory = options.ObjectStoreFactory ?? (directory =>
            {
                inner = OpenStore(descriptor, Path.Combine(directory, "tmp"));
                return key is null ? inner : new EncryptedObjectStore(inner, key, Path.Combine(directory, "tmp"));
            }),
        };
        BackupRepository repository;
        try
        {
            if (!options.ReadOnly)
            {
                Directory.CreateDirectory(plan.Directory);
            }

            repository = await BackupRepository.OpenAsync(plan.Directory, repositoryOptions, cancellationToken).ConfigureAwait(false);
            repository.Location = descriptor.SourcePath;
        }
        catch
        {
            if (inner is null)
            {
                key?.Dispose(); // the store (which owns the key) was never made
            }

            throw;
        }

        try
        {
            if (inner is not null)
            {
                await EncryptedObjectStore.CheckKeyAsync(inner, key, cancellationToken).ConfigureAwait(false);
            }

            return repository;
        }
        catch
        {
            await repository.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens a PostgreSQL catalog for writing (which migrates its schema) and closes it; false for a SQLite catalog.</summary>
    public static async Task<bool> PrepareSharedCatalogAsync(string file)
    {
        var descriptor = RepositoryDescriptorReader.Read(file);
        if (descriptor.SqlitePath is not null)
        {
            return false;
        }

        await PostgresBackupCatalog.Open(PostgresAddress(descriptor), readOnly: false).DisposeAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>Verify of a descriptor repository: a read-only open (the catalog is a server or named file, not copied aside).</summary>
    public static async Task<VerifyReport> VerifyAsync(string file, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var repository = await OpenAsync(file, new BackupRepositoryOptions { ReadOnly = true, TimeProvider = timeProvider }, cancellationToken)
            .ConfigureAwait(false);
        await using (repository.ConfigureAwait(false))
        {
            return await repository.VerifyAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The repository's local folder: the SQLite catalog's folder, else the work folder.</summary>
    public static string LocalFolder(RepositoryDescriptor descriptor) =>
        descriptor.SqlitePath is { } sqlite ? Path.GetDirectoryName(sqlite)! : descriptor.WorkDirectory;

    /// <summary>The object store alone (encrypted when the file names a key, the key checked against it), for a catalog rebuild.</summary>
    public static async Task<IObjectStore> OpenStoreAsync(RepositoryDescriptor descriptor, string staging, CancellationToken cancellationToken)
    {
        var inner = OpenStore(descriptor, staging);
        if (descriptor.EncryptionKeyFile is not { } keyFile)
        {
            await EncryptedObjectStore.CheckKeyAsync(inner, null, cancellationToken).ConfigureAwait(false);
            return inner;
        }

        var key = RepositoryKeyFile.Load(keyFile);
        var store = new EncryptedObjectStore(inner, key, staging);
        try
        {
            await EncryptedObjectStore.CheckKeyAsync(inner, key, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private static (string Directory, Func<string, bool, IBackupCatalog> Catalog, Func<string, BackupRepositoryOptions, CancellationToken, Task<IAsyncDisposable>>? WriterLock) Plan(
        RepositoryDescriptor descriptor, BackupRepositoryOptions options)
    {
        if (descriptor.SqlitePath is { } sqlite)
        {
            if (!File.Exists(sqlite) && (options.ReadOnly || !options.CreateIfMissing))
            {
                throw new RepositoryException($"no repository at {descriptor.SourcePath}: its catalog {sqlite} does not exist (a fleet backup creates one)");
            }

            return (LocalFolder(descriptor), (_, readOnly) => OpenSqlite(sqlite, readOnly), null);
        }

        var address = PostgresAddress(descriptor);
        return (
            descriptor.WorkDirectory,
            (_, readOnly) => PostgresBackupCatalog.Open(address, readOnly),
            PostgresWriterLock.Factory(address, options.Runner ?? Environment.MachineName));
    }

    private static PostgresCatalogAddress PostgresAddress(RepositoryDescriptor descriptor)
    {
        var address = PostgresCatalogAddress.Parse(descriptor.Catalog);
        return descriptor.CatalogPassword switch
        {
            null => address,
            { Kind: Secrets.SecretSourceKind.File } file => address with { PasswordFile = file.Location, PasswordVariable = null },
            var variable => address with { PasswordVariable = variable.Location, PasswordFile = null },
        };
    }

    private static SqliteBackupCatalog OpenSqlite(string path, bool readOnly)
    {
        try
        {
            return SqliteBackupCatalog.Open(path, readOnly);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            throw new RepositoryException($"cannot open the catalog {path} ({ex.Message})", ex);
        }
    }

    private static IObjectStore OpenStore(RepositoryDescriptor descriptor, string staging)
    {
        if (descriptor.FileRoot is { } root)
        {
            return new ObjectStore(root);
        }

        var (bucket, prefix) = S3StoreSettings.ParseUri(descriptor.Objects);
        return new S3ObjectStore(
            new S3StoreSettings
            {
                Bucket = bucket,
                Prefix = prefix,
                Endpoint = descriptor.S3Endpoint is { } endpoint ? new Uri(endpoint) : null,
                Region = descriptor.S3Region ?? "us-east-1",
                PathStyle = descriptor.S3PathStyle,
                Credentials = descriptor.S3CredentialsFile is { } file ? S3Credentials.FromFile(file) : Credentials(descriptor),
            },
            staging);
    }

    private static S3Credentials Credentials(RepositoryDescriptor descriptor)
    {
        var id = Environment.GetEnvironmentVariable(descriptor.S3AccessKeyVariable);
        var secret = Environment.GetEnvironmentVariable(descriptor.S3SecretKeyVariable);
        return string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret)
            ? throw new RepositoryException($"S3 credentials: {descriptor.S3AccessKeyVariable} and {descriptor.S3SecretKeyVariable} are not both set (or name s3-credentials-file in {descriptor.SourcePath})")
            : new S3Credentials(id, secret);
    }
}
