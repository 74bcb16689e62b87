export declare function electronBinary(env?: NodeJS.ProcessEnv, root?: string): string | null;
