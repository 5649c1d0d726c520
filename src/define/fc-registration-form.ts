/** `<fc-registration-form>` alone (with its own `api`, or inside an `<fc-cycle>` loaded by fc-cycle.js). */
import { FcRegistrationForm } from '../elements/registration-form/registration-form.js';
import { define } from '../elements/shared/define.js';

define('fc-registration-form', FcRegistrationForm);
