declare const __SW_ENABLED__: boolean;
