package dev.vigil.admins;

import org.springframework.stereotype.Component;

/**
 * The monitor every change that can remove an active superadmin holds while it checks
 * that another one remains and writes: changes from the Admins page and from an identity
 * provider's group mapping alike, so two at once cannot remove the last two.
 */
@Component
class SuperadminLock {

}
