package fr.paraphe.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Only platform administrators ({@link Role#PLATFORM_ADMIN}) may call the annotated controller or method: the
 * role named once, here, instead of in an expression string in each module.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("hasAuthority(T(fr.paraphe.identity.Role).PLATFORM_ADMIN.authority())")
public @interface PlatformAdminOnly {
}
