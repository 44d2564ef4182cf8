// Types for the parts of node-edifact (npm `edifact`, plain CommonJS without
// typings) that core/edifact/edifact-syntax.ts uses: the streaming Parser and
// its event hooks, assigned as methods for speed (see the package README).
declare module "edifact" {
  export interface ParserConfiguration {
    segmentTerminator?: number;
    dataElementSeparator?: number;
    componentDataSeparator?: number;
    decimalMark?: number;
    releaseCharacter?: number;
  }

  export class Parser {
    constructor(validator?: unknown, config?: ParserConfiguration);
    onopensegment: (segment: string) => void;
    onclosesegment: () => void;
    onelement: () => void;
    oncomponent: (data: string) => void;
    /** Sets the character repertoire (UNOA, UNOB, UNOC, UNOY, UCS2); throws for another level. */
    encoding(level: string): void;
    configure(config: ParserConfiguration): void;
    /** Throws on a character the repertoire or the syntax does not allow. */
    write(chunk: string): void;
    /** Throws when the last segment is not terminated. */
    end(): void;
  }

  const edifact: { Parser: typeof Parser };
  export default edifact;
}
