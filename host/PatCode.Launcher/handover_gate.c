/*
 * Runs before the .NET runtime in this executable starts (an ELF constructor): a command the front end does not
 * answer itself is handed to patcode-host at once, so `ask`, the REPL and every other command pay for exec and
 * nothing else (not the runtime's start-up, which grows with the size of this binary).
 *
 * The rule is PluginListing.TryParse's, kept in step by LauncherTests: `--version` alone, or the words `plugins`
 * or `plugins list` with only `--plugins-dir <folder>` options around them. Anything else goes to the host. When
 * exec fails, this returns and the managed Main hands over again and reports the failure in one line.
 */
#include <limits.h>
#include <string.h>
#include <unistd.h>

static int answered_here(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--version") == 0)
    {
        return 1;
    }

    int words = 0;
    int plugins = 0;
    int list = 0;
    for (int i = 1; i < argc; i++)
    {
        if (strcmp(argv[i], "--plugins-dir") == 0 && i + 1 < argc && argv[i + 1][0] != '\0' && argv[i + 1][0] != '-')
        {
            i++;
        }
        else if (argv[i][0] == '-')
        {
            return 0;
        }
        else
        {
            words++;
            if (words == 1)
            {
                plugins = strcmp(argv[i], "plugins") == 0;
            }
            else if (words == 2)
            {
                list = strcmp(argv[i], "list") == 0;
            }
        }
    }

    return plugins && (words == 1 || (words == 2 && list));
}

__attribute__((constructor)) static void patcode_hand_over(int argc, char **argv, char **envp)
{
    if (argc < 1 || answered_here(argc, argv))
    {
        return;
    }

    static const char host_name[] = "patcode-host";
    char host[PATH_MAX];
    ssize_t length = readlink("/proc/self/exe", host, sizeof host - 1);
    if (length <= 0)
    {
        return;
    }

    host[length] = '\0';
    char *slash = strrchr(host, '/');
    if (slash == NULL || (size_t)(slash + 1 - host) + sizeof host_name > sizeof host)
    {
        return;
    }

    memcpy(slash + 1, host_name, sizeof host_name);
    argv[0] = host;
    execve(host, argv, envp);
}
