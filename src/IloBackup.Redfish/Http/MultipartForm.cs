using System.Net.Http.Headers;
using System.Text;

namespace IloBackup.Redfish.Http;

/// <summary>
/// The multipart form iLO expects for the backup download POST and the restore upload
/// (../shared/docs/ilo-behaviour.md §3): parts in the order <c>sessionKey</c>, optional
/// <c>password</c>, then <c>file</c>. Written like curl's <c>--form</c> (unquoted boundary, no
/// content type on plain fields) because BMC web servers parse multipart naively.
/// </summary>
internal static class MultipartForm
{
    public static MultipartFormDataContent Create(string sessionKey, string? password, Stream? file, string? fileName)
    {
        var boundary = "----ilobackup" + Guid.NewGuid().ToString("N");
        var form = new MultipartFormDataContent(boundary);
        form.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        form.Add(Field("sessionKey", sessionKey));
        if (password is not null)
        {
            form.Add(Field("password", password));
        }

        if (file is not null)
        {
            var part = new StreamContent(file, 81920);
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data")
            {
                Name = "\"file\"",
                FileName = "\"" + SafeFileName(fileName) + "\"",
            };
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part);
        }

        return form;
    }

    private static ByteArrayContent Field(string name, string value)
    {
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes(value));
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"" + name + "\"" };
        return part;
    }

    private static string SafeFileName(string? fileName)
    {
        var name = Path.GetFileName(fileName ?? "backup.bak");
        var safe = new string(name.Where(c => c is >= ' ' and < (char)127 and not '"' and not '\\').ToArray());
        return safe.Length == 0 ? "backup.bak" : safe;
    }
}
