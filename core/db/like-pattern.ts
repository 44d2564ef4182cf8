// LIKE and ILIKE patterns from what a user typed: its pattern characters
// (backslash, percent, underscore) taken literally, with PostgreSQL's default
// escape character.

/** The text with `\`, `%` and `_` escaped, to sit inside a LIKE pattern. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `text%`: values starting with the text. */
export const startingWith = (text: string) => `${escapeLike(text)}%`;

/** `%text%`: values containing the text. */
export const containing = (text: string) => `%${escapeLike(text)}%`;
