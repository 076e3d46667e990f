// `lienthong --help` in Vietnamese: Commander's own words (titles, [options], defaults, the help
// option and command) said like the rest of the command line. Set on the program before any command
// is added: Commander copies the help configuration, option and command to each command it creates.
import { Help, type Argument, type Command, type Option } from 'commander';

/** The titles Commander passes to styleTitle. */
const TITLES: Record<string, string> = {
  'Usage:': 'Cách dùng:',
  'Arguments:': 'Tham số:',
  'Options:': 'Tùy chọn:',
  'Global Options:': 'Tùy chọn chung:',
  'Commands:': 'Lệnh:',
};

/** The placeholders Commander writes in a usage line and in the list of commands. */
const WORDS: Record<string, string> = { '[options]': '[tùy chọn]', '[command]': '[lệnh]' };

export const HELP_DESCRIPTION = 'hiện trợ giúp của lệnh';

const words = (s: string) =>
  s
    .split(' ')
    .map((w) => WORDS[w] ?? w)
    .join(' ');

/** A description followed by what Commander adds to it (choices, default…), in parentheses. */
const withExtras = (description: string, extras: string[]) =>
  [description, extras.length ? `(${extras.join(', ')})` : ''].filter(Boolean).join(' ');

const choices = (c: string[] | undefined) => (c ? [`chọn một trong: ${c.map((v) => JSON.stringify(v)).join(', ')}`] : []);

const defaultOf = (o: Option | Argument) => `mặc định: ${o.defaultValueDescription || JSON.stringify(o.defaultValue)}`;

/** Commander's Help, overridden where it speaks (help.js of Commander 14: same rules, Vietnamese words). */
export const VIETNAMESE_HELP: Partial<Help> = {
  styleTitle: (title: string) => TITLES[title] ?? title,
  commandUsage(this: Help, cmd: Command): string {
    return words(Help.prototype.commandUsage.call(this, cmd));
  },
  subcommandTerm(this: Help, cmd: Command): string {
    return words(Help.prototype.subcommandTerm.call(this, cmd));
  },
  optionDescription(option: Option): string {
    const shown = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
    return withExtras(option.description, [
      ...choices(option.argChoices),
      ...(option.defaultValue !== undefined && shown ? [defaultOf(option)] : []),
      ...(option.presetArg !== undefined && option.optional ? [`khi không ghi giá trị: ${JSON.stringify(option.presetArg)}`] : []),
      ...(option.envVar !== undefined ? [`biến môi trường: ${option.envVar}`] : []),
    ]);
  },
  argumentDescription(argument: Argument): string {
    return withExtras(argument.description, [
      ...choices(argument.argChoices),
      ...(argument.defaultValue !== undefined ? [defaultOf(argument)] : []),
    ]);
  },
};

/** The program's help in Vietnamese, for it and for every command added to it afterwards. */
export function vietnameseHelp(program: Command): Command {
  return program.configureHelp(VIETNAMESE_HELP).helpOption('-h, --help', HELP_DESCRIPTION).helpCommand('help [lệnh]', HELP_DESCRIPTION);
}
