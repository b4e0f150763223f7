using System.Text;

namespace IloBackup.Cli.Completion;

/// <summary>
/// The part of the completion scripts bash and zsh share: the command tree as shell functions (plain
/// <c>case</c> statements that read the same in both shells) and the logic that finds, from the words
/// typed so far, the command being completed and what comes next.
/// </summary>
internal static class CompletionTables
{
    public static string Render(IReadOnlyList<CompletionNode> nodes, string knownHostsDefault)
    {
        var s = new StringBuilder();
        Table(s, "_ilobackup_subs", "the sub-verbs of a command", nodes.Where(n => n.Subcommands.Count > 0).Select(n => (Q(n.Path), string.Join(' ', n.Subcommands))));
        Table(s, "_ilobackup_options", "the options a command accepts", nodes.Select(n => (Q(n.Path), string.Join(' ', n.Options))));
        Table(s, "_ilobackup_args", "the value kinds of a command's arguments (+: repeats)", nodes.Where(n => n.Arguments.Count > 0)
            .Select(n => (Q(n.Path), string.Join(' ', n.Arguments.Select((k, i) => Word(k) + (n.LastArgumentRepeats && i == n.Arguments.Count - 1 ? "+" : string.Empty))))));
        s.Append("# the value kind of an option that takes a value (nothing for a flag)\n_ilobackup_option_kind() {\n  case \"$1|$2\" in\n");
        foreach (var group in nodes.SelectMany(n => n.ValueOptions.Select(o => (Key: o.Everywhere ? "*" + Q("|" + o.Name) : Q($"{n.Path}|{o.Name}"), Kind: Word(o.Kind)))).GroupBy(x => x.Kind))
        {
            s.Append("    ").Append(string.Join('|', group.Select(x => x.Key))).Append(") echo ").Append(group.Key).Append(" ;;\n");
        }

        s.Append("  esac\n}\n\n");
        s.Append(Logic.Replace("@KNOWN_HOSTS@", knownHostsDefault, StringComparison.Ordinal));
        return s.ToString();
    }

    /// <summary>A string as one single-quoted shell word.</summary>
    public static string Q(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    // "words:a b c" travels as one shell word: "words:a,b,c".
    private static string Word(string kind) => kind.Replace(' ', ',');

    private static void Table(StringBuilder s, string name, string what, IEnumerable<(string Key, string Value)> rows)
    {
        s.Append("# ").Append(what).Append('\n').Append(name).Append("() {\n  case \"$1\" in\n");
        foreach (var (key, value) in rows)
        {
            s.Append("    ").Append(key).Append(") echo ").Append(Q(value)).Append(" ;;\n");
        }

        s.Append("  esac\n}\n\n");
    }

    private const string Logic = """
        _ilobackup_has_sub() {
          local s
          for s in $(_ilobackup_subs "$1"); do [ "$s" = "$2" ] && return 0; done
          return 1
        }

        # Reads the words before the one being completed: sets _ilb_path (the command) and _ilb_npos
        # (how many positional arguments it has been given).
        _ilobackup_locate() {
          _ilb_path=''; _ilb_npos=0
          local w skip=0
          for w in "$@"; do
            if [ "$skip" = 1 ]; then [ "$w" = '=' ] || skip=0; continue; fi
            case "$w" in
              --|-*=*) continue ;;
              -*) [ -n "$(_ilobackup_option_kind "$_ilb_path" "$w")" ] && skip=1; continue ;;
            esac
            if _ilobackup_has_sub "$_ilb_path" "$w"; then
              _ilb_path="${_ilb_path:+$_ilb_path }$w"; _ilb_npos=0
            else
              _ilb_npos=$((_ilb_npos + 1))
            fi
          done
        }

        # What to offer for the current word ($1; $2 and $3 the two before): options, subs or a value kind.
        _ilobackup_what() {
          local k
          case "$1" in --*=*) _ilobackup_option_kind "$_ilb_path" "${1%%=*}"; return ;; esac
          if [ "$2" = '=' ]; then
            k=$(_ilobackup_option_kind "$_ilb_path" "$3"); [ -n "$k" ] && { echo "$k"; return; }
          fi
          case "$2" in
            -*) k=$(_ilobackup_option_kind "$_ilb_path" "$2"); [ -n "$k" ] && { echo "$k"; return; } ;;
          esac
          case "$1" in -*) echo options; return ;; esac
          if [ -n "$(_ilobackup_subs "$_ilb_path")" ]; then echo subs; return; fi
          local i=0 last=''
          for k in $(_ilobackup_args "$_ilb_path"); do
            last=$k
            [ "$i" = "$_ilb_npos" ] && { echo "${k%+}"; return; }
            i=$((i + 1))
          done
          case "$last" in *+) echo "${last%+}" ;; esac
        }

        # The iLOs of the known_hosts file ($ILOBACKUP_KNOWN_HOSTS, else known-hosts of the config file,
        # else ~/.config/ilobackup/known_hosts), port 443 left out.
        _ilobackup_hosts() {
          local file="$ILOBACKUP_KNOWN_HOSTS" host rest
          [ -n "$file" ] || file=@KNOWN_HOSTS@
          [ -r "$file" ] || return 0
          while read -r host rest; do
            case "$host" in ''|'#'*) continue ;; esac
            echo "${host%:443}"
          done < "$file"
        }


        """;
}
