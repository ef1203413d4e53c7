/* The `locale_en` entry: the app's English messages, loaded before the app (see boot.ts). */
import en from "./en";
import { offerMessages } from "./boot";

offerMessages("en", en);
