/* The `locale_ru` entry: the app's Russian messages, loaded before the app (see boot.ts). */
import ru from "./ru";
import { offerMessages } from "./boot";

offerMessages("ru", ru);
